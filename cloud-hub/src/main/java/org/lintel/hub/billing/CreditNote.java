package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A correction of an issued bill for one fee item: negative for a credit note (a refund, a reading found wrong), positive
 * for a debit note; the issued bill never changes, its balance is its total plus its notes.
 */
public record CreditNote(long id, long billId, String feeItem, BigDecimal amount, String reason, String by, Instant at) {
}
