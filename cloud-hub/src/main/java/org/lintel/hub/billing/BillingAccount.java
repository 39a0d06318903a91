package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.Set;

/** Who a unit's bill is for and what applies to it: floor area, household size and the fee items charged. */
public record BillingAccount(String unit, String payer, BigDecimal area, int persons, Set<String> feeItems) {

    public BillingAccount {
        feeItems = Set.copyOf(feeItems);
    }
}
