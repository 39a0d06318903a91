package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SilenceWatchTest {

    static final Instant T = Instant.parse("2026-12-04T02:00:00Z");
    static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Test
    void aDeviceNeverBornIsNeverSilent() {
        assertFalse(new SilenceWatch().quiet(T.plus(Duration.ofDays(30)), HALF_HOUR));
    }

    @Test
    void aDeviceBornAndThenSilentIsSilentOnceTheSilenceIsLongerThanAllowed() {
        SilenceWatch w = new SilenceWatch();
        w.born(T);
        assertFalse(w.quiet(T.plus(HALF_HOUR), HALF_HOUR), "exactly the allowed silence is not yet too long");
        assertTrue(w.quiet(T.plus(HALF_HOUR).plusMillis(1), HALF_HOUR));
    }

    @Test
    void aLateReadingDoesNotMoveTheLastHeardBack() {
        SilenceWatch w = new SilenceWatch();
        w.heard(T.plusSeconds(600));
        w.heard(T);
        assertEquals(Optional.of(T.plusSeconds(600)), w.last());
    }

    @Test
    void aRebirthKeepsWhatWasHeardSinceTheDeviceWasLastHeard() {
        SilenceWatch w = new SilenceWatch();
        w.heard(T);
        w.born(T.plusSeconds(900));
        assertEquals(Optional.of(T), w.last(), "a birth is not a reading");
    }

    @Test
    void aDeadDeviceIsNotWatchedUntilItIsBornAgain() {
        SilenceWatch w = new SilenceWatch();
        w.heard(T);
        w.stop();
        assertFalse(w.quiet(T.plus(Duration.ofDays(1)), HALF_HOUR));
        w.born(T.plus(Duration.ofDays(1)));
        assertEquals(Optional.of(T.plus(Duration.ofDays(1))), w.last());
    }
}
