package org.lintel.hub.registry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A meter serving a unit, common area or building for a period. {@code effectiveTo} is null while the meter is in
 * service. The readings are the meter's own register at the start and end of the period when the engineer recorded
 * them (replacement); null means "take the time series".
 */
public record MeterAssignment(
        long id,
        String site,
        String device,
        String targetKind,
        String target,
        Instant effectiveFrom,
        Instant effectiveTo,
        BigDecimal initialReading,
        BigDecimal finalReading,
        String note) {

    public boolean overlaps(Instant from, Instant to) {
        return effectiveFrom.isBefore(to) && (effectiveTo == null || effectiveTo.isAfter(from));
    }
}
