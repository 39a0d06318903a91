package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The two counter values a metered line was computed from, for one meter (a replacement inside the period gives two),
 * with their times and how each was obtained (measured, recorded, interpolated, carried-forward, carried-back,
 * provisional: the usage domain's words).
 */
public record LineReading(String meter, Instant previousAt, BigDecimal previous, String previousMethod, Instant currentAt, BigDecimal current,
                          String currentMethod) {
}
