package org.lintel.hub.energy.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The day-of-week baseline and its Guideline 14 statistics, worked by hand. */
class BaselineTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    static Map<LocalDate, BigDecimal> days(LocalDate first, int... kwh) {
        Map<LocalDate, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < kwh.length; i++) {
            if (kwh[i] >= 0) {
                out.put(first.plusDays(i), BigDecimal.valueOf(kwh[i]));
            }
        }
        return out;
    }

    @Test
    void theModelIsEachWeekdaysMeanWithCvRmseOverTheTrainingDaysAndTheSavingsAreExpectedMinusActual() {
        // two weeks: Monday 10 and 12, Tuesday 12 and 12, … Saturday 20 and 22, Sunday 18 and 18
        Map<LocalDate, BigDecimal> training = days(MONDAY, 10, 12, 11, 13, 9, 20, 18, 12, 12, 13, 11, 11, 22, 18);
        Map<LocalDate, BigDecimal> reporting = days(MONDAY.plusWeeks(2), 10, 11, 12, 12, 9, 20, 17);
        Baseline.Fit f = Baseline.fit("b1", MONDAY, MONDAY.plusWeeks(2), MONDAY.plusWeeks(2), MONDAY.plusWeeks(3), training, reporting);
        assertEquals(new BigDecimal("11.000"), f.meanByDay().get(DayOfWeek.MONDAY));
        assertEquals(new BigDecimal("21.000"), f.meanByDay().get(DayOfWeek.SATURDAY));
        assertEquals(14, f.trainingDays());
        assertEquals(7, f.parameters());
        // errors ±1 on ten days, 0 on four: Σe² = 10; RMSE = √(10 / (14 − 7)) = 1.1952; mean 192 / 14 = 13.714; 8.715 %
        assertEquals(new BigDecimal("8.7"), f.cvRmsePercent());
        // a mean has no bias on the days it was taken from
        assertEquals(0, f.nmbePercent().signum());
        assertTrue(f.withinHourlyLimits());
        // expected 11 + 12 + 12 + 12 + 10 + 21 + 18 = 96, actual 91: 5 kWh saved, 5.2 %
        assertEquals(new BigDecimal("96.000"), f.expected());
        assertEquals(new BigDecimal("91.000"), f.actual());
        assertEquals(new BigDecimal("5.000"), f.savings());
        assertEquals(new BigDecimal("5.2"), f.savingsPercent());
        assertEquals(7, f.reportingDays());
    }

    @Test
    void aDayWithoutRollupsIsLeftOutOfBothPeriodsAndAWeekdayNeverTrainedHasNoExpectation() {
        // the training lacks the first Sunday (−1); the reporting week lacks its Wednesday
        Map<LocalDate, BigDecimal> training = days(MONDAY, 10, 12, 11, 13, 9, 20, -1, 12, 12, 13, 11, 11, 22, 18);
        Map<LocalDate, BigDecimal> reporting = days(MONDAY.plusWeeks(2), 10, 11, -1, 12, 9, 20, 17);
        Baseline.Fit f = Baseline.fit("b1", MONDAY, MONDAY.plusWeeks(2), MONDAY.plusWeeks(2), MONDAY.plusWeeks(3), training, reporting);
        assertEquals(13, f.trainingDays());
        assertEquals(new BigDecimal("18.000"), f.meanByDay().get(DayOfWeek.SUNDAY));
        assertEquals(6, f.reportingDays());
        Baseline.Fit weekdaysOnly = Baseline.fit("b1", MONDAY, MONDAY.plusDays(5), MONDAY.plusWeeks(2), MONDAY.plusWeeks(3),
                days(MONDAY, 10, 12, 11, 13, 9), reporting);
        assertEquals(4, weekdaysOnly.reportingDays(), "Saturday and Sunday were never trained; Wednesday has no rollup");
        // five days, five parameters: no degree of freedom left for the statistics
        assertNull(weekdaysOnly.cvRmsePercent());
    }
}
