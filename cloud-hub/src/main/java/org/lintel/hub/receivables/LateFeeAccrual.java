package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;
import org.lintel.hub.billing.Money;
import org.lintel.tariff.LateFee;

/**
 * The late fee of one fee item of one bill on a day, computed from its contract's rule: for each day from the due date
 * plus the grace days plus one through {@code asOf} (or the rule's stop), the daily rate of what was still unpaid at
 * the end of that day (a payment stops the fee from the day it was received), plus the late fee so far when the rule
 * compounds; capped at the lower of the rule's amount and its share of the fee; rounded once to the fen, half up.
 * Write-offs reduce the fee from its due date.
 *
 * @param days   the days charged
 * @param exact  the sum before the cap and rounding
 * @param cap    the cap in CNY (the lower of the two), or null
 * @param amount what is charged: the exact sum or the cap, rounded to the fen
 * @param waived what approved waivers forgave of it
 * @param charged what bills have charged of it so far, as late-fee lines (then owed like any fee)
 */
public record LateFeeAccrual(long billId, String feeItem, LocalDate firstDay, LocalDate lastDay, int days, BigDecimal exact, BigDecimal cap,
                             BigDecimal amount, boolean capped, BigDecimal waived, String clause, BigDecimal charged) {

    /** The fee item of the late-fee line that charges the late fee of {@code feeItem} of bill {@code billId}. */
    public static String lineItem(long billId, String feeItem) {
        return "late-fee:" + billId + ":" + feeItem;
    }

    /** Money paid towards the fee on a local day (negative when released again by a credit note). */
    public record Paid(LocalDate on, BigDecimal amount) {
    }

    /** What is due of the late fee and not yet charged on a bill: its amount less what was waived and what bills charged. */
    public BigDecimal due() {
        return amount.subtract(waived).subtract(charged).max(Money.zero());
    }

    public static LateFeeAccrual of(LateFee rule, OpenItem item, List<Paid> paid, BigDecimal waived, LocalDate asOf) {
        return of(rule, item, paid, waived, Money.zero(), asOf);
    }

    public static LateFeeAccrual of(LateFee rule, OpenItem item, List<Paid> paid, BigDecimal waived, BigDecimal charged, LocalDate asOf) {
        BigDecimal principal = item.billed().subtract(item.writtenOff());
        LocalDate first = item.dueOn().plusDays(rule.graceDays() + 1L);
        LocalDate last = rule.stopAfterDays() == null ? asOf : min(asOf, item.dueOn().plusDays(rule.stopAfterDays()));
        BigDecimal exact = BigDecimal.ZERO;
        int days = 0;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            LocalDate day = d;
            BigDecimal unpaid = paid.stream().filter(p -> !p.on().isAfter(day)).map(Paid::amount).reduce(principal, BigDecimal::subtract);
            if (unpaid.signum() <= 0) {
                continue;
            }
            BigDecimal base = rule.compound() ? unpaid.add(exact) : unpaid;
            exact = exact.add(base.multiply(rule.dailyRate(), MathContext.DECIMAL128));
            days++;
        }
        BigDecimal cap = null;
        if (rule.capShare() != null) {
            cap = principal.multiply(rule.capShare());
        }
        if (rule.capAmount() != null) {
            cap = cap == null ? rule.capAmount() : cap.min(rule.capAmount());
        }
        boolean capped = cap != null && exact.compareTo(cap) > 0;
        BigDecimal amount = Money.round(capped ? cap : exact);
        return new LateFeeAccrual(item.billId(), item.feeItem(), first, last, days, exact, cap == null ? null : Money.round(cap), amount, capped,
                waived, rule.clause(), charged);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
