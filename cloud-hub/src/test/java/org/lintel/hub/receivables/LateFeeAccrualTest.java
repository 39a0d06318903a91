package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.tariff.LateFee;

/** Late fees worked by hand from the contract's rule: grace, daily rate, caps, stop, compounding, payments part-way. */
class LateFeeAccrualTest {

    static final LocalDate DUE = LocalDate.of(2026, 11, 15);

    static OpenItem fee(String billed) {
        BigDecimal b = new BigDecimal(billed);
        return new OpenItem(7, 3, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), DUE, "property-fee", "物业费", b, BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), b);
    }

    static LateFee rule(String rate, String share, String amount, Integer stop, boolean compound) {
        return new LateFee(15, new BigDecimal(rate), share == null ? null : new BigDecimal(share), amount == null ? null : new BigDecimal(amount), stop,
                compound, "物业服务合同第十二条");
    }

    static BigDecimal yuan(String s) {
        return new BigDecimal(s);
    }

    @Test
    void theFeeAccruesAfterTheGraceDaysOnWhatIsStillUnpaidEachDay() {
        // due 15 November + 15 grace days: from 1 December. 1–10 December: 224.00 × 0.0005 × 10 = 1.12; 100.00 paid on
        // 11 December stops the fee on it that day: 11–20 December 124.00 × 0.0005 × 10 = 0.62; total 1.74
        LateFeeAccrual a = LateFeeAccrual.of(rule("0.0005", "0.3", null, null, false), fee("224.00"),
                List.of(new LateFeeAccrual.Paid(LocalDate.of(2026, 12, 11), yuan("100.00"))), yuan("0.00"), LocalDate.of(2026, 12, 20));
        assertEquals(LocalDate.of(2026, 12, 1), a.firstDay());
        assertEquals(20, a.days());
        assertEquals(yuan("1.74"), a.amount());
        assertEquals(yuan("67.20"), a.cap(), "0.3 × 224.00");
        assertTrue(!a.capped());
        assertEquals("物业服务合同第十二条", a.clause());
    }

    @Test
    void theLowerCapStopsTheFeeAndTheShareCapFollowsWriteOffs() {
        LateFeeAccrual a = LateFeeAccrual.of(rule("0.0005", "0.3", "1.00", null, false), fee("224.00"), List.of(), yuan("0.00"), LocalDate.of(2026, 12, 20));
        assertEquals(yuan("2.24"), a.exact().setScale(2, java.math.RoundingMode.HALF_UP), "20 days × 0.112");
        assertEquals(yuan("1.00"), a.amount());
        assertTrue(a.capped());
        LateFeeAccrual longOverdue = LateFeeAccrual.of(rule("0.001", "0.3", null, null, false), fee("224.00"), List.of(), yuan("0.00"),
                LocalDate.of(2028, 1, 1));
        assertEquals(yuan("67.20"), longOverdue.amount(), "a court's yardstick, not 0.224 a day for two years");
    }

    @Test
    void nothingAccruesAfterTheStopDayNorOnAFeePaidInFullBeforeTheGraceEnded() {
        LateFeeAccrual stopped = LateFeeAccrual.of(rule("0.0005", "0.3", null, 20, false), fee("224.00"), List.of(), yuan("0.00"), LocalDate.of(2027, 3, 1));
        assertEquals(LocalDate.of(2026, 12, 5), stopped.lastDay(), "20 days after the due date");
        assertEquals(5, stopped.days());
        assertEquals(yuan("0.56"), stopped.amount(), "5 × 0.112");
        LateFeeAccrual paidInTime = LateFeeAccrual.of(rule("0.0005", "0.3", null, null, false), fee("224.00"),
                List.of(new LateFeeAccrual.Paid(LocalDate.of(2026, 11, 30), yuan("224.00"))), yuan("0.00"), LocalDate.of(2026, 12, 20));
        assertEquals(yuan("0.00"), paidInTime.amount());
        assertEquals(0, paidInTime.days());
    }

    @Test
    void compoundingChargesTheRateOnTheLateFeeSoFarOnlyWhenTheContractSaysSo() {
        OpenItem hundred = new OpenItem(7, 3, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), DUE, "property-fee", "物业费", yuan("100.00"),
                yuan("0.00"), yuan("0.00"), yuan("100.00"));
        LocalDate third = LocalDate.of(2026, 12, 3);
        // 1.00 + 1.01 + 1.0201 = 3.0301 → 3.03; simple: 3 × 1.00 = 3.00
        assertEquals(yuan("3.03"), LateFeeAccrual.of(rule("0.01", "0.3", null, null, true), hundred, List.of(), yuan("0.00"), third).amount());
        assertEquals(yuan("3.00"), LateFeeAccrual.of(rule("0.01", "0.3", null, null, false), hundred, List.of(), yuan("0.00"), third).amount());
    }

    @Test
    void aWaiverReducesWhatIsDueNeverBelowZero() {
        LateFeeAccrual a = LateFeeAccrual.of(rule("0.0005", "0.3", null, null, false), fee("224.00"), List.of(), yuan("1.00"), LocalDate.of(2026, 12, 20));
        assertEquals(yuan("2.24"), a.amount());
        assertEquals(yuan("1.24"), a.due());
    }
}
