package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A bill run as listed: its period, state and who moved it on; {@code total} is the sum of its bills,
 * {@code openAnomalies} how many anomalies nobody has resolved or overridden yet, {@code resoldTotal} what its bills
 * charge for resold power (转供电) and {@code gridBill} the grid's bill for the master meter it may not exceed;
 * {@code dueOn}, fixed when the run is issued, the day its bills fall due (null before). {@code kind}: {@code period},
 * every account's bills for a period, or {@code move-out}, one leaving occupant's final bill, issued as it is settled.
 */
public record BillRun(long id, String site, LocalDate from, LocalDate to, State state, String createdBy, Instant createdAt, Instant computedAt,
                      String approvedBy, Instant approvedAt, String issuedBy, Instant issuedAt, int bills, BigDecimal total, int openAnomalies,
                      BigDecimal resoldTotal, BigDecimal gridBill, String gridBillReference, LocalDate dueOn, String kind) {

    public BillRun(long id, String site, LocalDate from, LocalDate to, State state, String createdBy, Instant createdAt, Instant computedAt,
                   String approvedBy, Instant approvedAt, String issuedBy, Instant issuedAt, int bills, BigDecimal total, int openAnomalies,
                   BigDecimal resoldTotal, BigDecimal gridBill, String gridBillReference, LocalDate dueOn) {
        this(id, site, from, to, state, createdBy, createdAt, computedAt, approvedBy, approvedAt, issuedBy, issuedAt, bills, total, openAnomalies,
                resoldTotal, gridBill, gridBillReference, dueOn, "period");
    }

    public enum State {
        DRAFT, APPROVED, ISSUED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
