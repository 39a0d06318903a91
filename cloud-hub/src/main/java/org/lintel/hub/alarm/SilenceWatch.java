package org.lintel.hub.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a born device last sent a good reading. A device is watched from its birth (a device born and then silent is
 * silent too) until it dies or its gateway does: a dead device is covered by communication loss, not by no data.
 */
final class SilenceWatch {

    private Instant last;

    /** A good reading taken at {@code at}; readings older than the newest seen change nothing. */
    void heard(Instant at) {
        if (last == null || at.isAfter(last)) {
            last = at;
        }
    }

    /** The device was born: its silence counts from now unless it was already heard from. */
    void born(Instant now) {
        if (last == null) {
            last = now;
        }
    }

    /** The device (or its gateway) died: no silence is judged until it is born again. */
    void stop() {
        last = null;
    }

    Optional<Instant> last() {
        return Optional.ofNullable(last);
    }

    /** Whether the device has been silent for longer than {@code silence} at {@code now}; never while not watched. */
    boolean quiet(Instant now, Duration silence) {
        return last != null && last.plus(silence).isBefore(now);
    }
}
