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
                             Map<String, ChargedPeriod> periods, Tenure tenure) {

    public BillingAccount {
        feeItems = Set.copyOf(feeItems);
        periods = periods == null ? Map.of() : Map.copyOf(periods);
        tenure = tenure == null ? Tenure.OPEN : tenure;
    }

    public BillingAccount(String unit, String payer, BigDecimal area, int persons, boolean timeOfUse, Set<String> feeItems,
                          Map<String, ChargedPeriod> periods) {
        this(unit, payer, area, persons, timeOfUse, feeItems, periods, Tenure.OPEN);
    }

    /** This account as its occupant's last days are billed: until the move-out instant. */
    public BillingAccount until(java.time.Instant movedOut) {
        return new BillingAccount(unit, payer, area, persons, timeOfUse, feeItems, periods, new Tenure(tenure.from(), movedOut));
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

    /** As above, within the occupant's tenure: a metered fee through the move-out day, a fee by days until it. */
    public Optional<ChargedPeriod> charged(String item, boolean metered, java.time.ZoneId zone, java.time.LocalDate from, java.time.LocalDate to) {
        return charged(item, from, to).flatMap(p -> tenure.days(metered, zone, p.from(), p.to()));
    }
}
