package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.storage.Database;

/**
 * Random sequences of what happens to a flat's account — bills issued, payments of any size (some naming a bill),
 * credit and debit notes, write-offs and refunds asked for and approved or rejected — and after every step each
 * statement reconciles to the fen: Σ bills + Σ notes − Σ payments − Σ write-offs + Σ refunds (kept by this test on
 * its own) = the statement's balance = Σ owed − prepaid, no fee is paid beyond what it owes, and no money is left
 * prepaid while a fee of the same flat is open.
 */
class StatementReconciliationTest {

    static Database db;
    static Ledger ledger;

    @BeforeAll
    static void start() {
        db = TestPostgres.newDatabase();
        ledger = new Ledger(db, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyStatementReconcilesAfterEveryStepOfARandomHistory(long seed) {
        Random random = new Random(seed);
        String site = "p" + seed;
        ledger.site(site);
        Receivables r = ledger.receivables;
        Map<String, BigDecimal> expected = new HashMap<>(Map.of("u1", BigDecimal.ZERO.setScale(2), "u2", BigDecimal.ZERO.setScale(2)));
        LocalDate month = LocalDate.of(2026, 1, 1);
        List<String> units = List.of("u1", "u2");
        for (int step = 0; step < 30; step++) {
            String unit = units.get(random.nextInt(2));
            int what = random.nextInt(10);
            List<BillRun> issued = ledger.runs.list(site);
            if (what == 0 || issued.isEmpty()) {
                ledger.used.put(unit, BigDecimal.valueOf(10_000 + random.nextInt(30_000), 2)); // 100.00 to 399.99 kWh: never the review's implausible jump
                BillRun run = ledger.issue(site, month);
                month = month.plusMonths(1);
                for (ReviewedBill b : ledger.runs.bills(run.id())) {
                    expected.merge(b.bill().unit(), b.bill().total(), BigDecimal::add);
                }
            } else if (what <= 4) {
                BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(70_000), 2);
                List<Long> chosen = random.nextInt(4) == 0 ? List.of(ledger.billOf(issued.get(random.nextInt(issued.size())), unit)) : List.of();
                r.pay(site, unit, new Receivables.PaymentRequest(amount, PaymentMethod.CASH, null, Instant.now(), null, chosen), "clerk");
                expected.merge(unit, amount.negate(), BigDecimal::add);
            } else if (what <= 6) {
                BillRun run = issued.get(random.nextInt(issued.size()));
                BigDecimal note = BigDecimal.valueOf(random.nextInt(2_000) - 1_000, 2);
                if (note.signum() != 0) {
                    try {
                        ledger.runs.creditNote(run.id(), unit, random.nextBoolean() ? "electricity" : "property-fee", note, "correction in a test", "clerk");
                        expected.merge(unit, note, BigDecimal::add);
                    } catch (BillingException e) {
                        assertTrue(e.getMessage().contains("more than was billed"), e.getMessage());
                    }
                }
            } else if (what <= 8) {
                List<OpenItem> open = r.statement(site, unit).items().stream().filter(OpenItem::open).toList();
                if (!open.isEmpty()) {
                    OpenItem i = open.get(random.nextInt(open.size()));
                    BigDecimal amount = i.owed().multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2)).setScale(2, java.math.RoundingMode.DOWN).max(new BigDecimal("0.01"));
                    Adjustment a = r.requestWriteOff(site, unit, i.billId(), i.feeItem(), amount, "written off in a test", "clerk");
                    boolean approve = random.nextInt(3) > 0;
                    r.decide(a.id(), approve, "manager");
                    if (approve) {
                        expected.merge(unit, amount.negate(), BigDecimal::add);
                    }
                }
            } else {
                BigDecimal prepaid = r.statement(site, unit).prepaid();
                if (prepaid.signum() > 0) {
                    BigDecimal amount = prepaid.multiply(BigDecimal.valueOf(1 + random.nextInt(100), 2)).setScale(2, java.math.RoundingMode.DOWN)
                            .max(new BigDecimal("0.01"));
                    Adjustment a = r.requestRefund(site, unit, amount, "refunded in a test", "clerk");
                    r.decide(a.id(), true, "manager");
                    expected.merge(unit, amount, BigDecimal::add);
                }
            }
            for (String u : units) {
                Statement s = r.statement(site, u);
                String at = "seed " + seed + " step " + step + " unit " + u;
                assertEquals(expected.get(u), s.balance(), at);
                assertTrue(s.reconciles(), at + ": Σ owed − prepaid ≠ balance; " + s);
                assertTrue(s.items().stream().allMatch(i -> i.owed().signum() >= 0), at + ": a fee paid beyond what it owes: " + s.items());
                assertTrue(s.prepaid().signum() >= 0, at + ": negative prepaid " + s.prepaid());
                assertTrue(s.prepaid().signum() == 0 || s.owed().signum() == 0, at + ": prepaid " + s.prepaid() + " while " + s.owed() + " is owed");
                if (!s.entries().isEmpty()) {
                    assertEquals(s.balance(), s.entries().get(s.entries().size() - 1).balance(), at + ": the running balance ends at the balance");
                }
            }
        }
    }
}
