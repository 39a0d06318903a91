package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillingException;

class ReceivablesTest {

    static final LocalDate OCT = LocalDate.of(2026, 10, 1);
    static final LocalDate NOV = LocalDate.of(2026, 11, 1);
    static final Instant DEC_3 = Instant.parse("2026-12-03T02:00:00Z");

    Ledger ledger;
    Receivables receivables;

    @BeforeEach
    void start() {
        ledger = new Ledger(TestPostgres.newDatabase(), Clock.systemUTC()).site("s");
        receivables = ledger.receivables;
    }

    @AfterEach
    void stop() {
        ledger.db.close();
    }

    Payment pay(String unit, String amount, PaymentMethod method, String reference, Long... bills) {
        return receivables.pay("s", unit, new Receivables.PaymentRequest(new BigDecimal(amount), method, reference, DEC_3, null, List.of(bills)), "clerk");
    }

    static BigDecimal yuan(String s) {
        return new BigDecimal(s);
    }

    @Test
    void aPartPaymentMeetsTheOldestBillsFeeByFeeAndLeavesTheRestOwed() {
        BillRun oct = ledger.issue("s", OCT);
        BillRun nov = ledger.issue("s", NOV);
        Payment p = pay("u1", "300.00", PaymentMethod.CASH, null);
        // October 50.00 + 224.00, then 26.00 of November's electricity
        assertEquals(List.of(yuan("50.00"), yuan("224.00"), yuan("26.00")), p.allocations().stream().map(Allocation::amount).toList());
        assertEquals(List.of(ledger.billOf(oct, "u1"), ledger.billOf(oct, "u1"), ledger.billOf(nov, "u1")),
                p.allocations().stream().map(Allocation::billId).toList());
        assertEquals("张伟", p.payer(), "the account holder when nobody else is named");
        Statement s = receivables.statement("s", "u1");
        assertEquals(yuan("248.00"), s.balance()); // 274.00 × 2 − 300.00
        assertEquals(yuan("248.00"), s.owed());
        assertEquals(yuan("0.00"), s.prepaid());
        assertTrue(s.reconciles());
        assertEquals(yuan("24.00"), s.items().get(2).owed());
    }

    @Test
    void aPayerWhoChoosesALaterBillPaysItFirst() {
        ledger.issue("s", OCT);
        BillRun nov = ledger.issue("s", NOV);
        Payment p = pay("u1", "274.00", PaymentMethod.WECHAT, "4200001234202612031234567890", ledger.billOf(nov, "u1"));
        assertTrue(p.allocations().stream().allMatch(a -> a.billId() == ledger.billOf(nov, "u1")));
        assertEquals(yuan("274.00"), receivables.statement("s", "u1").items().stream().filter(i -> i.runId() == ledger.runs.list("s").get(1).id())
                .map(OpenItem::owed).reduce(BigDecimal.ZERO, BigDecimal::add), "October is still owed in full");
    }

    @Test
    void moneyPaidAheadIsKeptAsPrepaidAndMeetsTheNextBillWhenItIsIssued() {
        ledger.issue("s", OCT);
        Payment p = pay("u2", "600.00", PaymentMethod.ALIPAY, "2026120322001");
        assertEquals(yuan("326.00"), p.prepaidAtReceipt());
        assertEquals(yuan("-326.00"), receivables.statement("s", "u2").balance());
        BillRun nov = ledger.issue("s", NOV);
        Statement s = receivables.statement("s", "u2");
        assertEquals(yuan("52.00"), s.prepaid());
        assertEquals(yuan("0.00"), s.owed(), "November was met from the prepaid balance when it was issued");
        assertEquals(yuan("-52.00"), s.balance());
        assertTrue(s.reconciles());
        List<Allocation> offsets = receivables.payment(p.id()).orElseThrow().allocations().stream().filter(a -> a.why().equals("prepaid")).toList();
        assertEquals(Set.of(ledger.billOf(nov, "u2")), Set.copyOf(offsets.stream().map(Allocation::billId).toList()));
        assertEquals(yuan("274.00"), offsets.stream().map(Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void aCreditNoteOnAPaidFeeGivesTheExcessBackToThePrepaidBalance() {
        BillRun oct = ledger.issue("s", OCT);
        pay("u1", "274.00", PaymentMethod.CASH, null);
        ledger.runs.creditNote(oct.id(), "u1", "electricity", yuan("-20.00"), "meter read 40 kWh high", "clerk");
        Statement s = receivables.statement("s", "u1");
        assertEquals(yuan("20.00"), s.prepaid());
        assertEquals(yuan("-20.00"), s.balance());
        assertTrue(s.items().stream().allMatch(i -> i.owed().signum() == 0), "nothing owed and nothing paid beyond what is owed: " + s.items());
        assertTrue(s.reconciles());
        ledger.issue("s", NOV);
        assertEquals(yuan("254.00"), receivables.statement("s", "u1").balance());
        assertEquals(yuan("254.00"), receivables.statement("s", "u1").owed());
    }

    @Test
    void aRefundNeedsASecondPersonAndNeverReturnsMoreThanIsPrepaid() {
        ledger.issue("s", OCT);
        pay("u2", "300.00", PaymentMethod.BANK_TRANSFER, "ICBC-2026120300017");
        BillingException tooMuch = assertThrows(BillingException.class, () -> receivables.requestRefund("s", "u2", yuan("26.01"), "moved out early", "clerk"));
        assertTrue(tooMuch.getMessage().contains("has 26.00 CNY prepaid"), tooMuch.getMessage());
        Adjustment asked = receivables.requestRefund("s", "u2", yuan("26.00"), "moved out early, paid ahead", "clerk");
        assertEquals(Adjustment.State.REQUESTED, asked.state());
        assertEquals(yuan("26.00"), receivables.statement("s", "u2").prepaid(), "not in effect before it is approved");
        BillingException sameClerk = assertThrows(BillingException.class, () -> receivables.decide(asked.id(), true, "clerk"));
        assertTrue(sameClerk.getMessage().contains("someone else decides"), sameClerk.getMessage());
        Adjustment approved = receivables.decide(asked.id(), true, "manager");
        assertEquals(Adjustment.State.APPROVED, approved.state());
        Statement s = receivables.statement("s", "u2");
        assertEquals(yuan("0.00"), s.prepaid());
        assertEquals(yuan("0.00"), s.balance());
        assertTrue(s.reconciles());
        assertThrows(BillingException.class, () -> receivables.decide(asked.id(), false, "manager"), "decided once");
    }

    @Test
    void aWriteOffOfPartOfAFeeTakesEffectOnlyWhenApproved() {
        BillRun oct = ledger.issue("s", OCT);
        long bill = ledger.billOf(oct, "u1");
        assertThrows(BillingException.class, () -> receivables.requestWriteOff("s", "u1", bill, "electricity", yuan("50.01"), "hardship relief", "clerk"));
        Adjustment a = receivables.requestWriteOff("s", "u1", bill, "electricity", yuan("12.50"), "hardship relief (困难户减免)", "clerk");
        assertEquals(yuan("274.00"), receivables.statement("s", "u1").balance());
        receivables.decide(a.id(), true, "manager");
        Statement s = receivables.statement("s", "u1");
        assertEquals(yuan("261.50"), s.balance());
        assertEquals(yuan("12.50"), s.items().get(0).writtenOff());
        assertTrue(s.reconciles());
    }

    @Test
    void theLateFeeOnTheStatementIsWorkedFromTheContractAndAWaiverNeedsASecondPerson() {
        ledger.db.close();
        ledger = new Ledger(TestPostgres.newDatabase(), java.time.Clock.fixed(Instant.parse("2026-12-20T04:00:00Z"), java.time.ZoneOffset.UTC)).site("s");
        receivables = ledger.receivables;
        BillRun oct = ledger.issue("s", OCT);
        ledger.issue("s", NOV);
        // 150.00 on 11 December: October's electricity 50.00, then 100.00 of its 物业费
        receivables.pay("s", "u1", new Receivables.PaymentRequest(yuan("150.00"), PaymentMethod.CASH, null, Instant.parse("2026-12-11T02:00:00Z"), null,
                List.of()), "clerk");
        Statement s = receivables.statement("s", "u1");
        // October's 物业费 due 15 November, 15 days' grace: 1–10 December 224.00 × 0.0005 = 1.12; 11–20 December 124.00 × 0.0005 = 0.62
        assertEquals(1, s.lateFees().size(), "electricity has no late fee, November's grace has not ended: " + s.lateFees());
        LateFeeAccrual late = s.lateFees().get(0);
        assertEquals(ledger.billOf(oct, "u1"), late.billId());
        assertEquals(yuan("1.74"), late.amount());
        assertEquals(yuan("1.74"), s.lateFeesDue());
        assertEquals(yuan("398.00"), s.balance(), "a late fee is not in the balance until a bill charges it");
        Adjustment w = receivables.requestWaiver("s", "u1", late.billId(), "property-fee", yuan("1.00"), "first time late, waived once", "clerk");
        assertThrows(BillingException.class, () -> receivables.decide(w.id(), true, "clerk"));
        receivables.decide(w.id(), true, "manager");
        assertEquals(yuan("0.74"), receivables.statement("s", "u1").lateFeesDue());
        BillingException tooMuch = assertThrows(BillingException.class,
                () -> receivables.requestWaiver("s", "u1", late.billId(), "property-fee", yuan("0.75"), "waive the rest and more", "clerk"));
        assertTrue(tooMuch.getMessage().contains("0.74 CNY today"), tooMuch.getMessage());
        assertEquals(yuan("398.00"), receivables.statement("s", "u1").balance(), "a waiver does not touch the balance");
    }

    @Test
    void aChannelReferenceIsRecordedOnceAndTheSecondAttemptNamesTheFirstReceipt() {
        ledger.issue("s", OCT);
        Payment first = pay("u1", "100.00", PaymentMethod.WECHAT, "4200009999");
        BillingException e = assertThrows(BillingException.class, () -> pay("u1", "100.00", PaymentMethod.WECHAT, "4200009999"));
        assertTrue(e.getMessage().contains("receipt " + first.receiptNo()), e.getMessage());
        assertEquals(1, receivables.payments("s", "u1").size());
        BillingException noReference = assertThrows(BillingException.class, () -> pay("u1", "100.00", PaymentMethod.WECHAT, null));
        assertEquals("reference", noReference.field());
    }

    @Test
    void receiptNumbersHaveNoGapsWhenClerksPayAtOnceAndSomePaymentsAreRefused() throws Exception {
        ledger.issue("s", OCT);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            // every fifth payment repeats an earlier reference: refused inside its transaction, after nothing was taken
            String reference = n % 5 == 4 ? "ref-" + (n - 1) : "ref-" + n;
            results.add(pool.submit(() -> pay(n % 2 == 0 ? "u1" : "u2", "7.35", PaymentMethod.CARD, reference).receiptNo()));
        }
        TreeSet<String> receipts = new TreeSet<>();
        int refused = 0;
        for (Future<String> f : results) {
            try {
                receipts.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof BillingException, e.getCause().toString());
                refused++;
            }
        }
        pool.shutdown();
        assertTrue(refused >= 1, "some payments repeated a reference");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= receipts.size(); i++) {
            expected.add(String.format("%08d", i));
        }
        assertEquals(expected, List.copyOf(receipts));
        assertEquals(40 - refused, receipts.size());
        assertTrue(receivables.statement("s", "u1").reconciles() && receivables.statement("s", "u2").reconciles());
    }
}
