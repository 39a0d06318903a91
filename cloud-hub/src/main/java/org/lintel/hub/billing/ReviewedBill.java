package org.lintel.hub.billing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A bill as a run keeps it: the computed bill, what a reviewer should look at ({@code flags}: a fee ±50 % against the
 * unit's last issued bill), the anomalies a person decided to bill anyway, with why, and the credit and debit notes
 * that corrected it once issued.
 */
public record ReviewedBill(long id, UnitBill bill, List<String> flags, List<Override> overrides, List<CreditNote> creditNotes) {

    /** An anomaly billed anyway: who decided, when, and why. */
    public record Override(String anomaly, String reason, String by, Instant at) {
    }

    public ReviewedBill {
        flags = List.copyOf(flags);
        overrides = List.copyOf(overrides);
        creditNotes = List.copyOf(creditNotes);
    }

    public ReviewedBill(long id, UnitBill bill, List<String> flags, List<Override> overrides) {
        this(id, bill, flags, overrides, List.of());
    }

    /** What the payer owes for this bill: its total and every credit or debit note since it was issued. */
    public java.math.BigDecimal balance() {
        return creditNotes.stream().map(CreditNote::amount).reduce(bill.total(), java.math.BigDecimal::add);
    }

    /** The anomalies nobody has overridden: while any is left, the run is not issued. */
    public List<String> openAnomalies() {
        Set<String> decided = overrides.stream().map(Override::anomaly).collect(Collectors.toSet());
        return bill.anomalies().stream().filter(a -> !decided.contains(a)).toList();
    }
}
