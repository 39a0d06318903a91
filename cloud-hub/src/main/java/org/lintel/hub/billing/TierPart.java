package org.lintel.hub.billing;

import java.math.BigDecimal;

/** The part of a bill's usage that fell in one tier (1 = the first), as printed: quantity, unit price, amount. */
public record TierPart(int tier, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
