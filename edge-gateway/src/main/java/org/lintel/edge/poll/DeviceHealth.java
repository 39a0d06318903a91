package org.lintel.edge.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.lintel.reading.QualityReason;

/**
 * A device's health as the gateway sees it: last success, errors by reason, round-trip time, and the backoff that
 * makes a device that keeps failing be polled less often (exponential, with jitter, capped) until it answers again.
 */
public final class DeviceHealth {

    /** Consecutive failed cycles before the device is polled less often. */
    static final int FAILURES_BEFORE_BACKOFF = 3;
    static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final String deviceId;
    private Instant lastSuccess;
    private int consecutiveFailures;
    private long requests;
    private long rttMicros;
    private Instant backoffUntil = Instant.MIN;
    private final Map<QualityReason, Long> errors = new EnumMap<>(QualityReason.class);

    public DeviceHealth(String deviceId) {
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    public synchronized void success(long rttNanos, Instant at) {
        requests++;
        rttMicros = rttNanos / 1000;
        lastSuccess = at;
        consecutiveFailures = 0;
        backoffUntil = Instant.MIN;
    }

    /** Records a failed cycle; after a few in a row the device backs off for interval × 2^k (±20 %), at most 2 min. */
    public synchronized void failure(QualityReason reason, Instant at, Duration interval) {
        requests++;
        errors.merge(reason, 1L, Long::sum);
        consecutiveFailures++;
        if (consecutiveFailures >= FAILURES_BEFORE_BACKOFF && (reason == QualityReason.TIMEOUT || reason == QualityReason.COMMUNICATION_FAILURE)) {
            int k = Math.min(10, consecutiveFailures - FAILURES_BEFORE_BACKOFF + 1);
            long ms = Math.min(MAX_BACKOFF.toMillis(), interval.toMillis() << k);
            ms = (long) (ms * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
            backoffUntil = at.plusMillis(ms);
        }
    }

    public synchronized boolean inBackoff(Instant now) {
        return now.isBefore(backoffUntil);
    }

    public synchronized Instant lastSuccess() {
        return lastSuccess;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized long requests() {
        return requests;
    }

    public synchronized long rttMicros() {
        return rttMicros;
    }

    public synchronized Map<QualityReason, Long> errors() {
        return Map.copyOf(errors);
    }
}
