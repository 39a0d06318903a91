package org.lintel.hub.telemetry.endpoint;

/**
 * One gateway's allowance of messages per second, as a token bucket holding one second's worth: a gateway replaying
 * its buffer after an outage is slowed to this rate (its socket is not read meanwhile), so that it cannot take the
 * hub's whole capacity from the others. Nothing is dropped; the gateway just sends more slowly.
 *
 * <p>Used on one connection's event loop only.
 */
final class MessageRate {

    private final double perSecond;
    private double tokens;
    private long refilledAt;

    /** @param perSecond messages per second; 0 for no limit */
    MessageRate(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
        this.refilledAt = nowNanos;
    }

    /** Takes one message's allowance: 0 when it may pass now, else the milliseconds until it may (nothing taken then). */
    long tryTake(long nowNanos) {
        if (perSecond <= 0) {
            return 0;
        }
        tokens = Math.min(perSecond, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond * 1000));
    }
}
