package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A unit's bill for a period: its printed lines, and their sum as the total (never rounded on its own). */
public record UnitBill(String unit, String payer, LocalDate from, LocalDate to, List<BillLine> lines) {

    public UnitBill {
        lines = List.copyOf(lines);
    }

    public BigDecimal total() {
        return lines.stream().map(BillLine::amount).reduce(Money.zero(), BigDecimal::add);
    }

    public boolean estimated() {
        return lines.stream().anyMatch(BillLine::estimated);
    }
}
