package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A unit's statement (对账单): every bill, credit or debit note, payment, write-off and refund in time order with the
 * running balance, and the fee items still open. {@code balance} = Σ bills + Σ notes − Σ payments − Σ write-offs +
 * Σ refunds; it also equals Σ owed over the items minus the prepaid balance, which {@link #reconciles()} checks.
 * A negative balance is money the property office holds for the payer. Late fees accrued under the fee items' contract
 * rules are listed with it, computed for today, and are not part of the balance until a bill charges them.
 */
public record Statement(String site, String unit, List<Entry> entries, List<OpenItem> items, BigDecimal prepaid, BigDecimal balance,
                        List<LateFeeAccrual> lateFees) {

    /**
     * One event on the statement.
     *
     * @param kind   bill, credit-note, payment, write-off or refund
     * @param amount what it adds to the balance (payments and write-offs negative)
     */
    public record Entry(Instant at, String kind, String reference, String text, BigDecimal amount, BigDecimal balance) {
    }

    public Statement {
        entries = List.copyOf(entries);
        items = List.copyOf(items);
        lateFees = List.copyOf(lateFees);
    }

    /** The late fees accrued on the unit's fees under their contracts' rules, less waivers: not part of the balance until billed. */
    public BigDecimal lateFeesDue() {
        return lateFees.stream().map(LateFeeAccrual::due).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** What the open items owe in all (positive items only): the arrears, before any prepaid balance meets them. */
    public BigDecimal owed() {
        return items.stream().map(OpenItem::owed).filter(o -> o.signum() > 0).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    public boolean reconciles() {
        BigDecimal byItems = items.stream().map(OpenItem::owed).reduce(BigDecimal.ZERO, BigDecimal::add).subtract(prepaid);
        return byItems.compareTo(balance) == 0;
    }
}
