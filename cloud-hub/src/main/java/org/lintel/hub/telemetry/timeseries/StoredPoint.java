package org.lintel.hub.telemetry.timeseries;

import java.time.Instant;

/**
 * One stored value of one point. A series is (site, building, device, point): tags of bounded cardinality. Two points
 * of the same series at the same millisecond are the same point, so storing twice is harmless (idempotent).
 *
 * @param number  the numeric value (flags as 1 or 0), or null for states, text and bad readings without a value
 * @param text    a state name or text, or null
 * @param quality {@code good}, {@code uncertain} or {@code bad}
 * @param reason  why the quality is not good, or null
 */
public record StoredPoint(String site, String building, String device, String point, Instant time, Double number, String text,
                          String quality, String reason) {

    public boolean isGood() {
        return "good".equals(quality);
    }
}
