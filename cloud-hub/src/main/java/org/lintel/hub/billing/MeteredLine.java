package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.lintel.hub.usage.Consumption;

/**
 * A metered fee of one unit for one stretch of a bill period in which one price version applied: the consumption
 * (with its boundary readings and how each was obtained), the running total of the accumulation period before it,
 * the tier parts and surcharges as printed, and their sum; for a household on time of use, the usage per band (from
 * the readings at each band boundary) priced per band with the tier adders instead of the tier parts.
 */
public record MeteredLine(String feeItem, LocalDate from, LocalDate to, Consumption consumption, BigDecimal usedBefore, List<TierPart> tiers,
                          List<SurchargePart> surcharges, BigDecimal amount, TouCharge timeOfUse, boolean bandsEstimated) {

    public MeteredLine(String feeItem, LocalDate from, LocalDate to, Consumption consumption, BigDecimal usedBefore, List<TierPart> tiers,
                       List<SurchargePart> surcharges, BigDecimal amount) {
        this(feeItem, from, to, consumption, usedBefore, tiers, surcharges, amount, null, false);
    }

    /** A surcharge on the line's usage, as printed. */
    public record SurchargePart(String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    public MeteredLine {
        tiers = List.copyOf(tiers);
        surcharges = List.copyOf(surcharges);
    }

    /** Estimated when a boundary reading of the stretch, or of one of its time-of-use bands, had to be estimated. */
    public boolean estimated() {
        return consumption.estimated() || bandsEstimated;
    }
}
