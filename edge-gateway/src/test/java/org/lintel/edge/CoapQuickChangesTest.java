package org.lintel.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** A detector that goes from pre-alarm to fire within milliseconds: the gateway's last word must be fire. */
class CoapQuickChangesTest {

    private static EdgeHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = EdgeHarness.start(1.0);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static String newestState(Instant since) {
        List<Reading> r = h.readings().stream().filter(x -> x.deviceId().equals("b1-f01-smoke") && x.point().equals("alarm.state")
                && !x.sourceTime().isBefore(since) && x.value() != null).toList();
        return r.isEmpty() ? null : ((Value.State) r.stream().max(Comparator.comparing(Reading::sourceTime)).orElseThrow().value()).name()
                + " (last delivered: " + ((Value.State) r.get(r.size() - 1).value()).name() + ")";
    }

    @Test
    void twoNotificationsMillisecondsApartEndInTheSecondState() throws Exception {
        h.await("b1-f01-smoke", "alarm.state", Instant.EPOCH, EdgeHarness::good, Duration.ofSeconds(20));
        for (int i = 0; i < 20; i++) {
            Instant since = Instant.now();
            String id = h.scenario("fire", "b1-f01-smoke", "{\"fireAfter\":\"2ms\"}");
            h.await("b1-f01-smoke", "alarm.state", since, r -> r.value() instanceof Value.State s && s.name().equals("fire"), Duration.ofSeconds(10));
            Thread.sleep(300);
            assertEquals("fire (last delivered: fire)", newestState(since), "round " + i);
            // taken before the request: the detector notifies the return to normal at once, often before the
            // simulator's HTTP answer is back
            Instant ended = Instant.now();
            h.endScenario(id);
            h.await("b1-f01-smoke", "alarm.state", ended, r -> r.value() instanceof Value.State s && s.name().equals("normal"), Duration.ofSeconds(10));
        }
    }
}
