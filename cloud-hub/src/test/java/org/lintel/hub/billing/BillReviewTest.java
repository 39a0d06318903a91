package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A unit's usage against its last issued bill: ±50 % is flagged for the reviewer, more than five times stops the run. */
class BillReviewTest {

    static BillLine tier(String item, String quantity) {
        return new BillLine(item, item, BillLine.Kind.TIER, "tier", new BigDecimal(quantity), "kWh", new BigDecimal("0.4883"), Money.zero(), false, null,
                false, List.of());
    }

    static UnitBill bill(BillLine... lines) {
        return new UnitBill("b1-0101", "张伟", LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1), List.of(lines));
    }

    @Test
    void usageIsTheSumOfAFeesTierLinesNotItsSurcharges() {
        BillLine sewage = new BillLine("water", "water", BillLine.Kind.SURCHARGE, "污水处理费", new BigDecimal("9"), "m³", new BigDecimal("1.36"),
                new BigDecimal("12.24"), false, null, false, List.of());
        assertEquals(Map.of("electricity", new BigDecimal("300"), "water", new BigDecimal("9")),
                BillReview.usage(List.of(tier("electricity", "80"), tier("electricity", "220"), tier("water", "9"), sewage)));
    }

    @Test
    void aChangeOfMoreThanHalfIsFlaggedWithItsPercentage() {
        BillReview.Findings up = BillReview.review(bill(tier("electricity", "301")), Map.of("electricity", new BigDecimal("200")));
        assertEquals(List.of("electricity: 200 kWh last period, 301 kWh now (+51 %)"), up.flags());
        assertTrue(up.anomalies().isEmpty());
        BillReview.Findings down = BillReview.review(bill(tier("electricity", "99")), Map.of("electricity", new BigDecimal("200")));
        assertEquals(List.of("electricity: 200 kWh last period, 99 kWh now (-51 %)"), down.flags());
    }

    @Test
    void exactlyHalfMoreOrLessIsNotFlagged() {
        assertEquals(List.of(), BillReview.review(bill(tier("electricity", "300")), Map.of("electricity", new BigDecimal("200"))).flags());
        assertEquals(List.of(), BillReview.review(bill(tier("electricity", "100")), Map.of("electricity", new BigDecimal("200"))).flags());
    }

    @Test
    void moreThanFiveTimesTheLastUsageIsAnAnomalyNotAFlag() {
        BillReview.Findings f = BillReview.review(bill(tier("electricity", "1000.5")), Map.of("electricity", new BigDecimal("200")));
        assertEquals(List.of(), f.flags());
        assertEquals(List.of("electricity: 200 kWh last period, 1000.5 kWh now: more than 5 times, an implausible jump (check the register and the"
                + " replacements)"), f.anomalies());
        assertTrue(BillReview.review(bill(tier("electricity", "1000")), Map.of("electricity", new BigDecimal("200"))).anomalies().isEmpty(),
                "exactly five times is a flag at most");
    }

    @Test
    void aUnitWithoutALastBillOrWithNothingUsedThenIsNotJudged() {
        assertEquals(new BillReview.Findings(List.of(), List.of()), BillReview.review(bill(tier("electricity", "5000")), Map.of()));
        assertEquals(new BillReview.Findings(List.of(), List.of()), BillReview.review(bill(tier("electricity", "5000")), Map.of("electricity", BigDecimal.ZERO)));
    }
}
