package org.lintel.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * The gateway polls the simulated Modbus devices (TCP converter and RTU line at 9600 baud) and reports the right
 * quality through every failure scenario, recovering on its own.
 */
class ModbusPollingTest {

    private static EdgeHarness h;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @BeforeAll
    static void start() throws Exception {
        h = EdgeHarness.start(1e-6);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void energyReadingsMatchTheMetersGroundTruthAndCarryTheirPlace() throws Exception {
        Reading r = h.await("b1-0101-em", "energy.import.total", Instant.EPOCH, EdgeHarness::good, WAIT);
        BigDecimal truth = new BigDecimal(h.http("GET", "/truth/b1-0101-em", null).get("counters").get(0).get("register").asText());
        assertEquals((float) truth.doubleValue(), (float) ((Value.Numeric) r.value()).value());
        assertEquals("kWh", r.unit());
        Reading w = h.await("b1-0101-wm", "volume.forward.total", Instant.EPOCH, EdgeHarness::good, WAIT);
        BigDecimal water = new BigDecimal(h.http("GET", "/truth/b1-0101-wm", null).get("counters").get(0).get("register").asText());
        assertEquals((float) water.doubleValue(), (float) ((Value.Numeric) w.value()).value());
        Reading pipe = h.await("b1-0101-wm", "pipe.state", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("full", ((Value.State) pipe.value()).name());
        Reading level = h.await("tank", "level", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertTrue(((Value.Numeric) level.value()).value() >= 2.0 && ((Value.Numeric) level.value()).value() <= 4.0);
        assertEquals("b1", h.gateway.devices().get("b1-0101-em").building());
        assertEquals("b1-0101", h.gateway.devices().get("b1-0101-em").unit());
    }

    @Test
    void aSilentDeviceYieldsTimeoutReadingsWhileItsNeighboursStayGoodAndItRecovers() throws Exception {
        h.await("b1-0102-em", "voltage", Instant.EPOCH, EdgeHarness::good, WAIT);
        String id = h.scenario("silent", "b1-0102-em", null);
        Instant since = Instant.now();
        Reading bad = h.await("b1-0102-em", "voltage", since, r -> r.quality().reason() == QualityReason.TIMEOUT, WAIT);
        assertEquals(QualityLevel.BAD, bad.quality().level());
        assertTrue(bad.value() == null);
        Instant later = Instant.now();
        h.await("b1-0103-em", "voltage", later, r -> EdgeHarness.good(r) || true, WAIT);
        assertTrue(h.gateway.deviceHealth().get("b1-0103-em").consecutiveFailures() == 0, "the neighbour on the same bus is fine");
        h.endScenario(id);
        h.await("b1-0102-em", "voltage", Instant.now(), EdgeHarness::good, Duration.ofSeconds(60));
    }

    @Test
    void anExceptionAnswerIsReportedWithItsCode() throws Exception {
        String id = h.scenario("modbus-exception", "b1-0103-em", "{\"code\":\"6\"}");
        Reading r = h.await("b1-0103-em", "voltage", Instant.now(), x -> x.quality().reason() == QualityReason.EXCEPTION_CODE, WAIT);
        assertEquals("exception 0x06 slave device busy", r.quality().detail());
        h.endScenario(id);
        h.await("b1-0103-em", "voltage", Instant.now(), EdgeHarness::good, Duration.ofSeconds(60));
    }

    @Test
    void aSlowDeviceBeyondTheBusTimeoutIsATimeout() throws Exception {
        String id = h.scenario("slow", "b1-0101-wm", "{\"delayMs\":\"1200\"}");
        h.await("b1-0101-wm", "flow.rate", Instant.now(), x -> x.quality().reason() == QualityReason.TIMEOUT, WAIT);
        h.endScenario(id);
        h.await("b1-0101-wm", "flow.rate", Instant.now(), EdgeHarness::good, Duration.ofSeconds(60));
    }

    @Test
    void metricsExposeDeviceAndBusHealthInPrometheusFormat() throws Exception {
        h.await("b1-0101-em", "voltage", Instant.EPOCH, EdgeHarness::good, WAIT);
        String m = org.lintel.edge.health.Metrics.render(h.gateway.vitals(), "edge-test", "gw-b1");
        assertTrue(m.contains("# TYPE lintel_bus_utilization gauge"), m);
        assertTrue(m.matches("(?s).*lintel_bus_requests_total\\{site=\"edge-test\",gateway=\"gw-b1\",bus=\"em\"} [1-9]\\d*\n.*"), m);
        assertTrue(m.matches("(?s).*lintel_device_last_success_seconds\\{[^}]*device=\"b1-0101-em\"} 1\\d{9}\\.\\d{3}\n.*"), m);
        assertTrue(m.contains("lintel_points_normalized_total{site=\"edge-test\",gateway=\"gw-b1\"}"), m);
    }

    @Test
    void aCorruptedRtuFrameIsADecodeErrorNamingTheCrc() throws Exception {
        String id = h.scenario("corrupt-crc", "b1-0102-wm", null);
        Reading r = h.await("b1-0102-wm", "flow.rate", Instant.now(), x -> x.quality().reason() == QualityReason.DECODE_ERROR, WAIT);
        assertEquals("bad CRC in the answer", r.quality().detail());
        h.endScenario(id);
        h.await("b1-0102-wm", "flow.rate", Instant.now(), EdgeHarness::good, Duration.ofSeconds(60));
    }
}
