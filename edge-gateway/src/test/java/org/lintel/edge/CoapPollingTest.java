package org.lintel.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** The gateway reads the simulated CoAP detectors: Observe and GET, plain and DTLS-PSK, through failures and restarts. */
class CoapPollingTest {

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
    void observedAndPolledResourcesArriveAsCanonicalReadingsOverPlainAndDtls() throws Exception {
        Reading alarm = h.await("b1-f01-smoke", "alarm.state", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("normal", ((Value.State) alarm.value()).name());
        Reading temp = h.await("b1-f01-smoke", "temperature", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("degC", temp.unit());
        h.await("b1-f01-smoke", "battery.level", Instant.EPOCH, EdgeHarness::good, WAIT);
        Reading secure = h.await("b1-0101-smoke", "smoke.obscuration", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("%obs/m", secure.unit());
    }

    @Test
    void aFireIsPushedByObservePreAlarmFirst() throws Exception {
        h.await("b1-0101-smoke", "alarm.state", Instant.EPOCH, EdgeHarness::good, WAIT);
        Instant since = Instant.now();
        String id = h.scenario("fire", "b1-0101-smoke", "{\"fireAfter\":\"30s\"}");
        h.await("b1-0101-smoke", "alarm.state", since, r -> r.value() instanceof Value.State s && s.name().equals("pre-alarm"), WAIT);
        h.http("POST", "/clock", "{\"advance\":\"31s\"}");
        h.await("b1-0101-smoke", "alarm.state", since, r -> r.value() instanceof Value.State s && s.name().equals("fire"), WAIT);
        h.endScenario(id);
    }

    @Test
    void anObserveNotificationIsTimedWhenItArrivesNotWhenObservingBegan() throws Exception {
        h.await("b1-f01-smoke", "tamper", Instant.EPOCH, EdgeHarness::good, WAIT);
        Thread.sleep(1_100);
        Instant since = Instant.now();
        String id = h.scenario("tamper", "b1-f01-smoke", null);
        Reading r = h.await("b1-f01-smoke", "tamper", since, x -> x.value() instanceof Value.Flag f && f.value(), WAIT);
        assertTrue(!r.sourceTime().isBefore(since), "the tamper notification is timed " + r.sourceTime() + ", before the scenario began at " + since);
        h.endScenario(id);
    }

    @Test
    void aSilentDetectorTimesOutAndComesBack() throws Exception {
        h.await("b1-f01-smoke", "battery.level", Instant.EPOCH, EdgeHarness::good, WAIT);
        String id = h.scenario("silent", "b1-f01-smoke", null);
        Reading r = h.await("b1-f01-smoke", "battery.level", Instant.now(), x -> x.quality().reason() == QualityReason.TIMEOUT, WAIT);
        assertTrue(r.value() == null);
        h.endScenario(id);
        h.await("b1-f01-smoke", "battery.level", Instant.now(), EdgeHarness::good, WAIT);
    }

    @Test
    void afterACoapServerRestartObservationIsReestablished() throws Exception {
        h.await("b1-f01-smoke", "tamper", Instant.EPOCH, EdgeHarness::good, WAIT);
        h.scenario("coap-restart", "b1-f01-smoke", "{\"downtime\":\"1s\"}");
        Thread.sleep(1500);
        Instant since = Instant.now();
        String id = h.scenario("tamper", "b1-f01-smoke", null);
        Reading r = h.await("b1-f01-smoke", "tamper", since, x -> x.value() instanceof Value.Flag f && f.value(), Duration.ofSeconds(30));
        assertTrue(r.quality().isGood());
        h.endScenario(id);
        h.await("b1-f01-smoke", "tamper", Instant.now(), x -> x.value() instanceof Value.Flag f && !f.value(), Duration.ofSeconds(30));
    }
}
