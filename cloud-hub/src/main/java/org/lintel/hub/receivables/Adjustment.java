package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A refund of prepaid money, a write-off of what a fee item owes (核销/减免) or a waiver of its late fee (减免违约金):
 * asked by a clerk with a reason, and only in effect once someone else approved it.
 *
 * @param billId   the bill of a write-off or waiver; null for a refund
 * @param feeItem  the fee item of a write-off or waiver; null for a refund
 */
public record Adjustment(long id, String site, String unit, Kind kind, Long billId, String feeItem, BigDecimal amount, String reason, State state,
                         String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt) {

    public enum Kind {
        REFUND("refund"), WRITE_OFF("write-off"), LATE_FEE_WAIVER("late-fee-waiver");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return id;
        }

        public static java.util.Optional<Kind> byId(String id) {
            return java.util.Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
        }
    }

    public enum State {
        REQUESTED, APPROVED, REJECTED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
