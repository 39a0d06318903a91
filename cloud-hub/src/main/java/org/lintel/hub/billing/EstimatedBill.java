package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * An issued bill with a metered fee billed on an estimated reading, not yet trued up: per fee item, the usage and
 * the amount it was billed (its tier lines and surcharges).
 */
public record EstimatedBill(long billId, String unit, LocalDate from, LocalDate to, Map<String, BigDecimal> usage, Map<String, BigDecimal> amounts) {

    public EstimatedBill {
        usage = Map.copyOf(usage);
        amounts = Map.copyOf(amounts);
    }
}
