package org.lintel.edge.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lintel.reading.QualityReason;

/** A device that keeps failing is polled less often, up to a cap, and is back to normal at its first good answer. */
class DeviceHealthTest {

    private static final Instant T = Instant.parse("2026-11-22T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void twoFailuresDoNotBackOffButTheThirdDoes() {
        DeviceHealth h = new DeviceHealth("d");
        h.failure(QualityReason.TIMEOUT, T, INTERVAL);
        h.failure(QualityReason.TIMEOUT, T, INTERVAL);
        assertFalse(h.inBackoff(T.plusMillis(1)));
        h.failure(QualityReason.TIMEOUT, T, INTERVAL);
        assertTrue(h.inBackoff(T.plusSeconds(15)), "20 s ± 20 % after the third failure");
        assertFalse(h.inBackoff(T.plusSeconds(25)));
    }

    @Test
    void theBackoffGrowsButNeverPassesTwoMinutes() {
        DeviceHealth h = new DeviceHealth("d");
        for (int i = 0; i < 12; i++) {
            h.failure(QualityReason.TIMEOUT, T, INTERVAL);
        }
        assertTrue(h.inBackoff(T.plusSeconds(90)));
        assertFalse(h.inBackoff(T.plus(DeviceHealth.MAX_BACKOFF).plusSeconds(25)), "capped at 2 min + 20 % jitter");
    }

    @Test
    void anExceptionAnswerIsNotAReasonToBackOff() {
        DeviceHealth h = new DeviceHealth("d");
        for (int i = 0; i < 5; i++) {
            h.failure(QualityReason.EXCEPTION_CODE, T, INTERVAL);
        }
        assertFalse(h.inBackoff(T.plusSeconds(1)), "the device answers; it just refuses this request");
        assertEquals(5L, h.errors().get(QualityReason.EXCEPTION_CODE));
    }

    @Test
    void theFirstGoodAnswerEndsTheBackoff() {
        DeviceHealth h = new DeviceHealth("d");
        for (int i = 0; i < 4; i++) {
            h.failure(QualityReason.TIMEOUT, T, INTERVAL);
        }
        h.success(2_000_000, T.plusSeconds(1));
        assertFalse(h.inBackoff(T.plusSeconds(2)));
        assertEquals(0, h.consecutiveFailures());
        assertEquals(2000, h.rttMicros());
    }
}
