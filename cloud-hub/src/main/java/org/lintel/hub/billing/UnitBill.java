package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A unit's bill for a period: its printed lines, their sum as the total (never rounded on its own), and what stopped a
 * fee from being priced or makes it doubtful (a unit without a meter, no readings near a boundary, a counter that went
 * down): such a bill is not issued until its anomalies are resolved.
 */
public record UnitBill(String unit, String payer, LocalDate from, LocalDate to, List<BillLine> lines, List<String> anomalies) {

    public UnitBill {
        lines = List.copyOf(lines);
        anomalies = List.copyOf(anomalies);
    }

    public UnitBill(String unit, String payer, LocalDate from, LocalDate to, List<BillLine> lines) {
        this(unit, payer, from, to, lines, List.of());
    }

    public BigDecimal total() {
        return lines.stream().map(BillLine::amount).reduce(Money.zero(), BigDecimal::add);
    }

    public boolean estimated() {
        return lines.stream().anyMatch(BillLine::estimated);
    }
}
