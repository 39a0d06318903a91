package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.MoveOut;
import org.lintel.hub.billing.MoveOuts;
import org.lintel.hub.billing.UnitBill;

/**
 * Move-outs over the two-flat ledger, every flat's meter counting 0.5 kWh an hour since 2026-01-01 (so the counter at
 * any instant is known exactly): a final bill ends at the instant, the successor's bill starts from the same
 * reading, fees by days split at the move-out day and add up to the month's, and money stays with whoever paid it.
 */
class MoveOutTest {

    static final LocalDate OCT = LocalDate.of(2026, 10, 1);
    static final LocalDate NOV = LocalDate.of(2026, 11, 1);
    static final Instant AT = local(2026, 11, 5, 14, 37);

    Ledger ledger;

    @BeforeEach
    void start() {
        ledger = new Ledger(TestPostgres.newDatabase(), Clock.systemUTC()).site("s");
        ledger.counter = MoveOutTest::counter;
    }

    @AfterEach
    void stop() {
        ledger.db.close();
    }

    static Instant local(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(Ledger.SHANGHAI).toInstant();
    }

    /** 0.5 kWh an hour since 2026-01-01 00:00 UTC, to the Wh. */
    static BigDecimal counter(Instant t) {
        return BigDecimal.valueOf(t.getEpochSecond() - Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()).divide(BigDecimal.valueOf(7200), 3,
                RoundingMode.HALF_EVEN);
    }

    static Instant start(LocalDate day) {
        return day.atStartOfDay(Ledger.SHANGHAI).toInstant();
    }

    MoveOut moveOut(String unit, Instant at, String arriving) {
        return ledger.moveOuts.settle("s", Ledger.SHANGHAI, unit, at, null, new MoveOuts.Arriving(arriving, 2, null, null), "clerk");
    }

    UnitBill bill(BillRun run, String unit) {
        return ledger.runs.bill(run.id(), unit).orElseThrow().bill();
    }

    static BigDecimal quantity(UnitBill b, String fee) {
        return b.lines().stream().filter(l -> l.feeItem().equals(fee)).map(BillLine::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal amount(UnitBill b, String fee) {
        return b.lines().stream().filter(l -> l.feeItem().equals(fee)).map(BillLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void theFinalBillEndsAtTheMoveOutInstantAndTheSuccessorsBillStartsFromTheSameReading() {
        ledger.issue("s", OCT);
        MoveOut m = moveOut("u1", AT, "李娜");
        BillRun finalRun = ledger.runs.find(m.runId()).orElseThrow();
        assertEquals("move-out", finalRun.kind());
        assertEquals(BillRun.State.ISSUED, finalRun.state());
        assertEquals(NOV, finalRun.from());
        UnitBill last = bill(finalRun, "u1");
        assertEquals("张伟", last.payer());
        assertEquals(0, quantity(last, "electricity").compareTo(counter(AT).subtract(counter(start(NOV)))), "counter at 14:37 minus the last billed");
        // 物业费 for 1–4 November: 80 m² × 2.80 × 4/30
        assertEquals(new BigDecimal("29.87"), amount(last, "property-fee"));
        assertEquals(List.of(new MoveOut.HandoverReading("electricity", "电费", "u1-em", "kWh", counter(AT), "interpolated")), m.readings());

        BillRun nov = ledger.issue("s", NOV);
        UnitBill next = bill(nov, "u1");
        assertEquals("李娜", next.payer());
        BillLine line = next.lines().stream().filter(l -> l.feeItem().equals("electricity")).findFirst().orElseThrow();
        assertEquals(AT, line.readings().get(0).previousAt());
        assertEquals(counter(AT), line.readings().get(0).previous(), "the successor starts from the reading the final bill ended on");
        assertEquals(0, quantity(next, "electricity").compareTo(counter(start(NOV.plusMonths(1))).subtract(counter(AT))));
        // 5–30 November: 80 × 2.80 × 26/30; with the leaving occupant's 29.87, the month's 224.00
        assertEquals(new BigDecimal("194.13"), amount(next, "property-fee"));
        assertEquals(new BigDecimal("224.00"), amount(last, "property-fee").add(amount(next, "property-fee")));
        assertEquals(0, quantity(last, "electricity").add(quantity(next, "electricity")).compareTo(quantity(bill(nov, "u2"), "electricity")),
                "nothing billed twice or lost: the two occupants' kWh are the neighbour's month");
        assertTrue(ledger.receivables.statement("s", "u1").reconciles());
    }

    @Test
    void theHandoverFormPrintsEachMetersReadingHowItWasObtainedTheFinalBillAndWhatIsStillOwed() throws Exception {
        ledger.issue("s", OCT);
        MoveOut m = moveOut("u1", AT, "李娜");
        java.nio.file.Path font = org.lintel.hub.billing.export.ChineseFont.file().orElseThrow(() -> new AssertionError(
                "the handover form needs a Chinese font: apt-get install fonts-wqy-microhei"));
        byte[] pdf = new HandoverForm(font).write("林泰花园", "1号楼 0101", Ledger.SHANGHAI, m, ledger.runs.bill(m.runId(), "u1").orElseThrow(),
                ledger.receivables.statement("s", "u1"));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target/handover-form.pdf"), pdf);
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        UnitBill last = bill(ledger.runs.find(m.runId()).orElseThrow(), "u1");
        BigDecimal owed = last.total().add(new BigDecimal("410.00"));
        for (String expected : List.of("水电表交接单", "1号楼 0101", "2026-11-05 14:37", "张伟", "李娜", "u1-em", counter(AT).toPlainString() + " kWh",
                "插值估算 interpolated", "¥" + last.total().toPlainString(), "尚欠 Still owed: ¥" + owed.toPlainString())) {
            assertTrue(text.contains(expected), "the form prints " + expected + ":\n" + text);
        }
    }

    @Test
    void twoMoveOutsInOneMonthBillEachOccupantOnlyTheirOwnStretch() {
        ledger.issue("s", OCT);
        moveOut("u1", AT, "李娜");
        Instant second = local(2026, 11, 20, 9, 0);
        MoveOut m = moveOut("u1", second, "赵强");
        UnitBill middle = bill(ledger.runs.find(m.runId()).orElseThrow(), "u1");
        assertEquals("李娜", middle.payer());
        assertEquals(0, quantity(middle, "electricity").compareTo(counter(second).subtract(counter(AT))));
        assertEquals(new BigDecimal("112.00"), amount(middle, "property-fee"), "5–19 November: 80 × 2.80 × 15/30");
        UnitBill last = bill(ledger.issue("s", NOV), "u1");
        assertEquals("赵强", last.payer());
        assertEquals(new BigDecimal("82.13"), amount(last, "property-fee"), "20–30 November: 80 × 2.80 × 11/30");
        assertEquals(2, ledger.moveOuts.list("s", "u1").size());
    }

    @Test
    void theLeavingOccupantsPrepaidMoneyPaysTheirFinalBillAndNeverTheNextOccupants() {
        BillRun oct = ledger.issue("s", OCT);
        // October: 372 kWh × 0.50 + 224.00 = 410.00; 500.00 paid leaves 90.00 prepaid
        assertEquals(new BigDecimal("410.00"), bill(oct, "u1").total());
        ledger.receivables.pay("s", "u1", new Receivables.PaymentRequest(new BigDecimal("500.00"), PaymentMethod.CASH, null, local(2026, 11, 2, 10, 0),
                null, List.of()), "clerk");
        MoveOut m = moveOut("u1", AT, "李娜");
        UnitBill last = bill(ledger.runs.find(m.runId()).orElseThrow(), "u1");
        Statement after = ledger.receivables.statement("s", "u1");
        BigDecimal left = new BigDecimal("90.00").subtract(last.total());
        assertEquals(left.negate(), after.balance(), "what is left of the prepaid money, to refund");
        assertTrue(after.items().stream().noneMatch(OpenItem::open), "the final bill is paid from the prepaid balance");

        BillRun nov = ledger.issue("s", NOV);
        Statement later = ledger.receivables.statement("s", "u1");
        assertEquals(left, later.prepaid(), "the leaving occupant's money stays theirs, to refund");
        assertEquals(bill(nov, "u1").total(), later.items().stream().filter(i -> i.runId() == nov.id()).map(OpenItem::owed)
                .reduce(BigDecimal.ZERO, BigDecimal::add), "the newcomer's bill is not paid with it");
        assertTrue(later.reconciles());
    }

    @Test
    void aMoveOutIsRefusedWhileARunCoveringItsDaysIsStillADraft() {
        ledger.issue("s", OCT);
        ledger.runs.draft("s", Ledger.SHANGHAI, NOV, NOV.plusMonths(1), "clerk");
        BillingException e = assertThrows(BillingException.class, () -> moveOut("u1", AT, "李娜"));
        assertEquals(BillingException.Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().contains("draft"), e.getMessage());
        assertEquals("张伟", ledger.billing.accounts("s").get(0).payer(), "nothing changed");
    }

    @Test
    void aMoveOutInTheFutureOrOfAUnitNeverBilledIsRefusedNamingTheField() {
        BillingException never = assertThrows(BillingException.class, () -> moveOut("u1", AT, "李娜"));
        assertEquals("from", never.field());
        ledger.issue("s", OCT);
        BillingException future = assertThrows(BillingException.class, () -> moveOut("u1", Instant.now().plusSeconds(3600), "李娜"));
        assertEquals("at", future.field());
        BillingException nobody = assertThrows(BillingException.class, () -> moveOut("u1", AT, " "));
        assertEquals("arriving.payer", nobody.field());
        assertTrue(ledger.moveOuts.list("s", "u1").isEmpty());
    }
}
