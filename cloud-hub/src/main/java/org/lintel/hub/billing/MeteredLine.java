package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.lintel.hub.usage.Consumption;

/**
 * A metered fee of one unit for one stretch of a bill period in which one price version applied: the consumption
 * (with its boundary readings and how each was obtained), the running total of the accumulation period before it,
 * the tier parts and surcharges as printed, and their sum.
 */
public record MeteredLine(String feeItem, LocalDate from, LocalDate to, Consumption consumption, BigDecimal usedBefore, List<TierPart> tiers,
                          List<SurchargePart> surcharges, BigDecimal amount) {

    /** A surcharge on the line's usage, as printed. */
    public record SurchargePart(String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    public MeteredLine {
        tiers = List.copyOf(tiers);
        surcharges = List.copyOf(surcharges);
    }

    public boolean estimated() {
        return consumption.estimated();
    }
}
