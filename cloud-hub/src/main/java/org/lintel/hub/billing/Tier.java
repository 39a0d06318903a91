package org.lintel.hub.billing;

import java.math.BigDecimal;

/**
 * One step of a graduated tariff: usage in the accumulation period up to {@code upTo} (inclusive; null for the last,
 * unlimited tier) is priced at {@code unitPrice}.
 */
public record Tier(BigDecimal upTo, BigDecimal unitPrice) {

    public Tier {
        if (unitPrice == null || unitPrice.signum() < 0) {
            throw new IllegalArgumentException("a tier's unit price is a number of yuan, not negative; found " + unitPrice);
        }
        if (upTo != null && upTo.signum() <= 0) {
            throw new IllegalArgumentException("a tier's upper bound is positive; found " + upTo);
        }
    }

    public boolean unlimited() {
        return upTo == null;
    }
}
