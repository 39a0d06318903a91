package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Who a unit's bill is for and what applies to it: floor area, household size, whether the household opted in to
 * time-of-use prices (峰谷电价), and the fee items charged.
 */
public record BillingAccount(String unit, String payer, BigDecimal area, int persons, boolean timeOfUse, Set<String> feeItems) {

    public BillingAccount {
        feeItems = Set.copyOf(feeItems);
    }

    public BillingAccount(String unit, String payer, BigDecimal area, int persons, Set<String> feeItems) {
        this(unit, payer, area, persons, false, feeItems);
    }
}
