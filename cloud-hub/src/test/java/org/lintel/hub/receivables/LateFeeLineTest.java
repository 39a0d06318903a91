package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.BillRun;

/**
 * Late fees charged as lines of the next bills, worked by hand: 物业费 224.00 a month, due on the 15th after the month,
 * 15 days' grace, 0.05 % a day (0.112 a day), cap 30 %. Each run charges what each earlier fee has accrued by the
 * run's last day less what earlier runs charged, so the charged lines add up to the accrued total rounded once.
 */
class LateFeeLineTest {

    final org.lintel.hub.TestClock clock = new org.lintel.hub.TestClock();
    Ledger ledger;

    @BeforeEach
    void start() {
        clock.now = LocalDateTime.of(2027, 2, 2, 10, 0).atZone(Ledger.SHANGHAI).toInstant();
        ledger = new Ledger(TestPostgres.newDatabase(), clock).site("s");
    }

    @AfterEach
    void stop() {
        ledger.db.close();
    }

    List<String> lateFees(BillRun run, String unit) {
        return ledger.runs.bill(run.id(), unit).orElseThrow().bill().lines().stream().filter(l -> l.kind() == BillLine.Kind.LATE_FEE)
                .map(l -> l.feeItem().replaceAll(":\\d+:", ":B:") + " " + l.amount()).toList();
    }

    @Test
    void eachBillChargesWhatTheEarlierFeesAccruedByItsLastDayLessWhatWasChargedBefore() {
        BillRun oct = ledger.issue("s", LocalDate.of(2026, 10, 1));
        // 王芳 pays October on 10 November, before it is due: no late fee
        ledger.receivables.pay("s", "u2", new Receivables.PaymentRequest(new BigDecimal("274.00"), PaymentMethod.CASH, null,
                LocalDateTime.of(2026, 11, 10, 9, 0).atZone(Ledger.SHANGHAI).toInstant(), null, List.of()), "clerk");
        BillRun nov = ledger.issue("s", LocalDate.of(2026, 11, 1));
        assertEquals(List.of(), lateFees(nov, "u1"), "October's fee is late from 1 December");
        BillRun dec = ledger.issue("s", LocalDate.of(2026, 12, 1));
        // October: 1–31 December, 31 days × 0.112 = 3.472; November: due 15 December + 15 days, 31 December only: 0.112
        assertEquals(List.of("late-fee:B:property-fee 3.47", "late-fee:B:property-fee 0.11"), lateFees(dec, "u1"));
        assertEquals(List.of("late-fee:B:property-fee 0.11"), lateFees(dec, "u2"), "王芳 paid October in time");
        BillLine line = ledger.runs.bill(dec.id(), "u1").orElseThrow().bill().lines().stream().filter(l -> l.kind() == BillLine.Kind.LATE_FEE)
                .findFirst().orElseThrow();
        assertEquals("违约金 物业费", line.feeName());
        assertTrue(line.basis().contains("B" + ledger.billOf(oct, "u1")) && line.basis().contains("31 天") && line.basis().contains("物业服务合同第十二条"),
                line.basis());

        BillRun jan = ledger.issue("s", LocalDate.of(2027, 1, 1));
        // October through 31 January: 62 days, 6.944 → 6.94, less 3.47 charged = 3.47; November 32 days 3.584 → 3.58 − 0.11 = 3.47;
        // December (due 15 January): 31 January only, 0.11
        assertEquals(List.of("late-fee:B:property-fee 3.47", "late-fee:B:property-fee 3.47", "late-fee:B:property-fee 0.11"), lateFees(jan, "u1"));

        // on 2 February: October 64 days 7.168 → 7.17, November 34 days 3.81, December 3 days 0.34; what no bill charged yet is 0.23 each
        Statement s = ledger.receivables.statement("s", "u1");
        assertEquals(new BigDecimal("0.69"), s.lateFeesDue());
        assertTrue(s.reconciles());
        BigDecimal charged = s.items().stream().filter(i -> i.feeItem().startsWith("late-fee:")).map(OpenItem::billed).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("10.63"), charged, "3.47 + 0.11 + 3.47 + 3.47 + 0.11, owed like any fee");
        // a late fee charged on a bill is paid like any fee, oldest first, and no late fee accrues on a late fee
        ledger.receivables.pay("s", "u1", new Receivables.PaymentRequest(s.balance(), PaymentMethod.CASH, null, clock.now, null, List.of()), "clerk");
        Statement paid = ledger.receivables.statement("s", "u1");
        assertEquals(0, paid.balance().signum());
        assertTrue(paid.lateFees().stream().noneMatch(a -> a.feeItem().startsWith("late-fee:")));
    }

    @Test
    void aMoveOutsFinalBillChargesTheLateFeesToTheMoveOutDayAndLeavesNoneForTheNewcomer() {
        for (int m = 10; m <= 13; m++) {
            ledger.issue("s", LocalDate.of(2026, 10, 1).plusMonths(m - 10));
        }
        org.lintel.hub.billing.MoveOut out = ledger.moveOuts.settle("s", Ledger.SHANGHAI, "u1",
                LocalDateTime.of(2027, 2, 2, 9, 0).atZone(Ledger.SHANGHAI).toInstant(), null,
                new org.lintel.hub.billing.MoveOuts.Arriving("李娜", 2, null, null), "clerk");
        BillRun last = ledger.runs.find(out.runId()).orElseThrow();
        // to 2 February: what no earlier bill charged of October's, November's and December's late fees (0.23 each)
        assertEquals(List.of("late-fee:B:property-fee 0.23", "late-fee:B:property-fee 0.23", "late-fee:B:property-fee 0.23"), lateFees(last, "u1"));
        assertEquals(0, ledger.receivables.statement("s", "u1").lateFeesDue().signum());
        assertEquals(Map.of(), ledger.receivables.lateFeeLines("s", LocalDate.of(2027, 2, 28), Map.of("u1", "李娜")),
                "the newcomer is charged no late fee of the former occupant's bills");
    }
}
