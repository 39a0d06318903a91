package org.lintel.hub.billing;

import java.math.BigDecimal;

/**
 * One printed line of a bill: the fee item, what the amount is based on (a tier, a band, "88.00 m² × 22/31 month",
 * a pool's share), quantity × unit price, the amount rounded once, and whether an estimated reading is behind it.
 */
public record BillLine(String feeItem, String basis, BigDecimal quantity, String unit, BigDecimal unitPrice, BigDecimal amount, boolean estimated) {
}
