package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A bill run as listed: its period, state and who moved it on; {@code total} is the sum of its bills. */
public record BillRun(long id, String site, LocalDate from, LocalDate to, State state, String createdBy, Instant createdAt, Instant computedAt,
                      String approvedBy, Instant approvedAt, String issuedBy, Instant issuedAt, int bills, BigDecimal total) {

    public enum State {
        DRAFT, APPROVED, ISSUED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
