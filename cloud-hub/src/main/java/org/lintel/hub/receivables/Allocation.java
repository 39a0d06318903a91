package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What part of a payment went to a fee item of a bill, and when: {@code payment} when it was received, {@code prepaid}
 * when money kept as a prepaid balance met a later bill, {@code released} (negative) when a credit note left the fee
 * paid beyond what it owes and the excess went back to the prepaid balance.
 */
public record Allocation(long paymentId, long billId, String feeItem, BigDecimal amount, Instant at, String why) {
}
