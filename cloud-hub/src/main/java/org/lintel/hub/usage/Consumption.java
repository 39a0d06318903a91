package org.lintel.hub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Metered usage of one target (unit, common area, building or single meter) for one counter point over [from, to),
 * summed over the meters that served it in that time. Estimated when any boundary had to be estimated; anomalies
 * (a counter that went down without a rollover or replacement) are listed and not billed.
 */
public record Consumption(String site, String target, String point, String unit, Instant from, Instant to, BigDecimal usage,
                          boolean estimated, List<Segment> segments) {

    /** The part of the period one meter served. */
    public record Segment(String device, Instant from, Instant to, BoundaryReading start, BoundaryReading end, BigDecimal usage,
                          int rollovers, List<String> anomalies) {
    }
}
