package org.lintel.profile;

import org.lintel.profile.library.ProfileLibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.profile.coap.PayloadDecoder;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.reading.PointValues;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.RawValue;
import org.lintel.reading.Value;

/**
 * Golden tests of the built-in library: raw bytes as the manuals give them → the engineering value in canonical units.
 * A wrong word order, address or scale in a profile makes one of these fail.
 */
class LibraryGoldenTest {

    private static ProfileLibrary library;

    @BeforeAll
    static void loadLibrary() {
        Problems problems = new Problems();
        library = ProfileLibrary.builtIn(problems);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    private static Point point(String profile, String name) {
        return library.find(profile).orElseThrow().point(name).orElseThrow();
    }

    /** Registers from the bytes of a Modbus response's data field, two bytes per register, high byte first. */
    private static int[] registers(int... bytes) {
        int[] regs = new int[bytes.length / 2];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = (bytes[2 * i] << 8) | bytes[2 * i + 1];
        }
        return regs;
    }

    private static PointValues.Mapped decode(String profile, String name, int... bytes) {
        Point p = point(profile, name);
        return PointValues.map(p, RegisterCodec.decode(p, registers(bytes)));
    }

    private static double number(PointValues.Mapped m) {
        assertEquals(QualityLevel.GOOD, m.quality().level(), m.quality().toString());
        return ((Value.Numeric) m.value()).value();
    }

    @Test
    void sdm630VoltageBytes43660000Read230Volts() {
        assertEquals(230.0, number(decode("eastron-sdm630", "voltage.l1", 0x43, 0x66, 0x00, 0x00)), 1e-9);
    }

    @Test
    void sdm630ImportEnergyIsReadHighWordFirstInKilowattHours() {
        Point p = point("eastron-sdm630", "energy.import.total");
        assertEquals(0x48, ((org.lintel.profile.modbus.ModbusAddress) p.address()).address(), "30073 is protocol address 0x48");
        assertEquals(12345.67, number(decode("eastron-sdm630", "energy.import.total", 0x46, 0x40, 0xE6, 0xAE)), 0.001);
        assertEquals(BillingMeaning.ELECTRICITY, p.billing());
    }

    @Test
    void sdm120PowerInWattsIsStoredInKilowatts() {
        assertEquals(1.5, number(decode("eastron-sdm120", "power.active", 0x44, 0xBB, 0x80, 0x00)), 1e-9);
        assertEquals(50.0, number(decode("eastron-sdm120", "frequency", 0x42, 0x48, 0x00, 0x00)), 1e-9);
    }

    @Test
    void xintaiFlowRateBytes1E850B3FRead0point545CubicMetresPerHour() {
        // The manual's own example: little-endian float in both bytes and words (DCBA).
        assertEquals(0.545, number(decode("xintai-water-meter", "flow.rate", 0x1E, 0x85, 0x0B, 0x3F)), 1e-6);
    }

    @Test
    void xintaiValveStatusWordSplitsIntoFlags() {
        assertEquals(new Value.Flag(true), decode("xintai-water-meter", "valve.open", 0x00, 0x09).value());
        assertEquals(new Value.Flag(false), decode("xintai-water-meter", "valve.closed", 0x00, 0x09).value());
        assertEquals(new Value.Flag(true), decode("xintai-water-meter", "battery.low", 0x00, 0x09).value());
    }

    @Test
    void xintaiPipeStateAAIsFull() {
        assertEquals(new Value.State("full", "170"), decode("xintai-water-meter", "pipe.state", 0x00, 0xAA).value());
        PointValues.Mapped unknown = decode("xintai-water-meter", "pipe.state", 0x00, 0x01);
        assertEquals(QualityLevel.UNCERTAIN, unknown.quality().level(), "a raw value the manual does not list is flagged");
    }

    @Test
    void qdy30aLevelHasThreeDecimalsAndCanBeNegative() {
        assertEquals(1.234, number(decode("qdy30a-level-transmitter", "level", 0x04, 0xD2)), 1e-9);
        assertEquals(-0.010, number(decode("qdy30a-level-transmitter", "level", 0xFF, 0xF6)), 1e-9);
    }

    @Test
    void liftStatesFollowTheBacnetLiftEnumerations() {
        assertEquals(new Value.State("up", "3"), PointValues.map(point("lintel-lift-monitor-opcua", "car.direction"), RawValue.of(3)).value());
        assertEquals(new Value.State("inspection", "8"), PointValues.map(point("lintel-lift-monitor-opcua", "car.mode"), RawValue.of(8)).value());
        assertEquals(new Value.State("none", "-1"), PointValues.map(point("lintel-lift-monitor-opcua", "fault.code"), RawValue.of(-1)).value());
        assertEquals(new Value.Flag(true), PointValues.map(point("lintel-lift-monitor-opcua", "passenger.trapped"), new RawValue.Bool(true)).value());
    }

    @Test
    void smokeDetectorJsonAlarmResourceReadsFire() throws Exception {
        Point p = point("lintel-smoke-detector-coap", "alarm.state");
        byte[] payload = "{\"state\":\"fire\",\"tamper\":false,\"batteryLow\":false}".getBytes(StandardCharsets.UTF_8);
        assertEquals(new Value.State("fire", "fire"), PointValues.map(p, PayloadDecoder.decode((CoapAddress) p.address(), payload)).value());
    }

    @Test
    void smokeDetectorTemperatureIsReadFromIpsoSenml() throws Exception {
        Point p = point("lintel-smoke-detector-coap", "temperature");
        byte[] payload = "[{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"v\":23.5,\"u\":\"Cel\"}]".getBytes(StandardCharsets.UTF_8);
        assertEquals(23.5, number(PointValues.map(p, PayloadDecoder.decode((CoapAddress) p.address(), payload))), 1e-9);
    }

    @Test
    void smokeDetectorBatteryLevelIsAPlainTextLwm2mResource() throws Exception {
        Point p = point("lintel-smoke-detector-coap", "battery.level");
        assertEquals(87.0, number(PointValues.map(p, PayloadDecoder.decode((CoapAddress) p.address(), "87".getBytes(StandardCharsets.US_ASCII)))), 1e-9);
    }
}
