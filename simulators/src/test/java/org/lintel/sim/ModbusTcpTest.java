package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.reading.RawValue;

/**
 * Modbus TCP as a standard client sees it: mbpoll reads the converter port that answers for several unit ids, and
 * each fault scenario shows up as the client would experience it.
 */
class ModbusTcpTest {

    private static SimHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1e-6); // clock practically frozen: readings and truth refer to the same instant
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static Point energy() {
        return h.sim.device("b1-0101-em").orElseThrow().profile().point("energy.import.total").orElseThrow();
    }

    private static double readEnergy(String unit) throws Exception {
        SimHarness.Run r = h.mbpollTcp(15021, "-a", unit, "-t", "3:hex", "-r", "73", "-c", "2");
        return ((RawValue.Floating) RegisterCodec.decode(energy(), Mbpoll.words(r))).value();
    }

    private static BigDecimal truthRegister(String device) throws Exception {
        JsonNode c = h.get("/truth/" + device).get("counters").get(0);
        assertEquals("energy.import.total", c.get("point").asText());
        return new BigDecimal(c.get("register").asText());
    }

    @Test
    void mbpollReadsTheImportEnergyRegisterAsTheGroundTruthSays() throws Exception {
        assertEquals((float) truthRegister("b1-0101-em").doubleValue(), (float) readEnergy("1"));
    }

    @Test
    void oneConverterPortAnswersForEachUnitIdWithThatMetersOwnValue() throws Exception {
        assertEquals((float) truthRegister("b1-0102-em").doubleValue(), (float) readEnergy("2"));
        assertNotEquals(readEnergy("1"), readEnergy("2"));
    }

    @Test
    void aUnitIdNobodyAnswersToGetsGatewayTargetFailedToRespond() throws Exception {
        SimHarness.Run r = h.mbpollTcp(15021, "-a", "99", "-t", "3:hex", "-r", "1", "-c", "2");
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("Target device failed to respond"), r.output());
    }

    @Test
    void anUnmappedAddressGetsIllegalDataAddress() throws Exception {
        SimHarness.Run r = h.mbpollTcp(15021, "-a", "1", "-t", "3:hex", "-r", "2001", "-c", "2");
        assertTrue(r.output().contains("Illegal data address"), r.output());
    }

    @Test
    void aSilentDeviceLeavesTheClientToTimeOut() throws Exception {
        String id = h.scenario("silent", "b1-0201-em", null);
        try {
            SimHarness.Run r = h.mbpollTcp(15021, "-a", "3", "-o", "0.5", "-t", "3:hex", "-r", "73", "-c", "2");
            assertNotEquals(0, r.exit());
            assertTrue(r.output().toLowerCase().contains("timed out"), r.output());
        } finally {
            h.delete("/scenarios/" + id);
        }
        assertEquals(0, h.mbpollTcp(15021, "-a", "3", "-t", "3:hex", "-r", "73", "-c", "2").exit(), "answers again once the scenario ends");
    }

    @Test
    void anExceptionScenarioAnswersWithTheChosenExceptionCode() throws Exception {
        String id = h.scenario("modbus-exception", "b1-0201-em", "{\"code\":\"6\"}");
        try {
            SimHarness.Run r = h.mbpollTcp(15021, "-a", "3", "-t", "3:hex", "-r", "73", "-c", "2");
            assertTrue(r.output().contains("Slave device or server is busy"), r.output());
        } finally {
            h.delete("/scenarios/" + id);
        }
    }

    @Test
    void aSlowDeviceAnswersTooLateForAShortTimeout() throws Exception {
        String id = h.scenario("slow", "b1-0201-em", "{\"delayMs\":\"1500\"}");
        try {
            SimHarness.Run r = h.mbpollTcp(15021, "-a", "3", "-o", "0.5", "-t", "3:hex", "-r", "73", "-c", "2");
            assertNotEquals(0, r.exit(), r.output());
        } finally {
            h.delete("/scenarios/" + id);
        }
    }

    @Test
    void aCounterPresetNearItsLimitWrapsAroundAndTheTruthKeepsCounting() throws Exception {
        h.scenario("rollover", "b1-main-em", "{\"margin\":\"0.5\"}");
        Point p = h.sim.device("b1-main-em").orElseThrow().profile().point("energy.import.total").orElseThrow();
        SimHarness.Run before = h.mbpollTcp(15021, "-a", "10", "-t", "3:hex", "-r", "73", "-c", "2");
        assertEquals(9999999.5f, (float) ((RawValue.Floating) RegisterCodec.decode(p, Mbpoll.words(before))).value());
        BigDecimal totalBefore = new BigDecimal(h.get("/truth/b1-main-em").get("counters").get(0).get("trueTotal").asText());
        h.post("/clock", "{\"advance\":\"1h\"}");
        SimHarness.Run after = h.mbpollTcp(15021, "-a", "10", "-t", "3:hex", "-r", "73", "-c", "2");
        double wrapped = ((RawValue.Floating) RegisterCodec.decode(p, Mbpoll.words(after))).value();
        JsonNode truth = h.get("/truth/b1-main-em");
        BigDecimal totalAfter = new BigDecimal(truth.get("counters").get(0).get("trueTotal").asText());
        BigDecimal register = new BigDecimal(truth.get("counters").get(0).get("register").asText());
        assertTrue(wrapped < 1000, "the register wrapped to a small value, read " + wrapped);
        assertEquals((float) register.doubleValue(), (float) wrapped);
        // usage across the wrap = (limit - previous) + current
        assertEquals(totalAfter.subtract(totalBefore), new BigDecimal("10000000").subtract(new BigDecimal("9999999.5")).add(register));
        assertEquals("rollover-preset", truth.get("events").get(0).get("type").asText());
    }

    @Test
    void aReplacedMeterStartsFromZeroAndTheEventKeepsTheOldFinalReading() throws Exception {
        BigDecimal oldReading = truthRegister("b1-0102-em");
        h.scenario("replacement", "b1-0102-em", null);
        h.post("/clock", "{\"advance\":\"2h\"}");
        double now = readEnergy("2");
        JsonNode truth = h.get("/truth/b1-0102-em");
        assertTrue(now < 20, "a new meter reads little after two hours, read " + now);
        assertEquals((float) new BigDecimal(truth.get("counters").get(0).get("register").asText()).doubleValue(), (float) now);
        JsonNode event = truth.get("events").get(0);
        assertEquals("replacement", event.get("type").asText());
        assertTrue(new BigDecimal(event.get("oldReading").asText()).compareTo(oldReading) >= 0);
        assertEquals(0, new BigDecimal(event.get("newReading").asText()).signum());
    }
}
