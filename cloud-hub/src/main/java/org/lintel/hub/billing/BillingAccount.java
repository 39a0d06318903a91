package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a unit's bill is for and what applies to it: floor area, household size, whether the household opted in to
 * time-of-use prices (峰谷电价), the fee items charged, and for some of them from or until when (a part of a period
 * is billed for its days).
 */
public record BillingAccount(String unit, String payer, BigDecimal area, int persons, boolean timeOfUse, Set<String> feeItems,
                             Map<String, ChargedPeriod> periods) {

    public BillingAccount {
        feeItems = Set.copyOf(feeItems);
        periods = periods == null ? Map.of() : Map.copyOf(periods);
    }

    public BillingAccount(String unit, String payer, BigDecimal area, int persons, Set<String> feeItems) {
        this(unit, payer, area, persons, false, feeItems, Map.of());
    }

    /** The part of [from, to) in which {@code item} is charged to this account; empty when it is not charged then. */
    public Optional<ChargedPeriod> charged(String item, java.time.LocalDate from, java.time.LocalDate to) {
        if (!feeItems.contains(item)) {
            return Optional.empty();
        }
        return periods.getOrDefault(item, ChargedPeriod.ALWAYS).within(from, to);
    }
}
