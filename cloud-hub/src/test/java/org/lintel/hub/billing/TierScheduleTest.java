package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Graduated tiers, worked by hand from published tariffs (docs/billing.md shows the arithmetic). */
class TierScheduleTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Beijing residential electricity, annual tiers: 0–2,880 kWh at 0.4883, to 4,800 at 0.5383, above at 0.7883 CNY/kWh. */
    static final TierSchedule BEIJING = new TierSchedule(List.of(new Tier(d("2880"), d("0.4883")), new Tier(d("4800"), d("0.5383")),
            new Tier(null, d("0.7883"))));

    @Test
    void aYearOf3000KwhInBeijingIsChargedGraduatedNotAtTheHighestTierReached() {
        List<TierPart> parts = BEIJING.charge(BigDecimal.ZERO, d("3000"));
        assertEquals(List.of(new TierPart(1, d("2880"), d("0.4883"), d("1406.30")), new TierPart(2, d("120"), d("0.5383"), d("64.60"))), parts);
        assertEquals(d("1470.90"), TierSchedule.total(parts), "2880 × 0.4883 = 1406.304 → 1406.30; 120 × 0.5383 = 64.596 → 64.60");
    }

    @Test
    void aDecemberBillStartsWhereTheYearsRunningTotalLeftOff() {
        // 2,800 kWh used by the end of November, 300 in December: 80 in tier 1, 220 in tier 2
        List<TierPart> parts = BEIJING.charge(d("2800"), d("300"));
        assertEquals(List.of(new TierPart(1, d("80"), d("0.4883"), d("39.06")), new TierPart(2, d("220"), d("0.5383"), d("118.43"))), parts);
        assertEquals(d("157.49"), TierSchedule.total(parts), "39.064 + 118.426; a bill tiered on its own would say 300 × 0.4883 = 146.49");
    }

    @Test
    void usageCanCrossIntoTheLastTierOrStartInIt() {
        assertEquals(d("211.49"), TierSchedule.total(BEIJING.charge(d("4700"), d("300"))), "100 × 0.5383 = 53.83; 200 × 0.7883 = 157.66");
        assertEquals(List.of(new TierPart(3, d("100"), d("0.7883"), d("78.83"))), BEIJING.charge(d("5000"), d("100")));
        assertEquals(List.of(), BEIJING.charge(d("100"), BigDecimal.ZERO));
        assertEquals(d("0.00"), TierSchedule.total(List.of()));
    }

    @Test
    void shenzhensMonthlyTiersChangeWithTheSeason() {
        // Shenzhen: May–October 0–260 / 261–600 / above kWh a month, otherwise 0–200 / 201–400 / above; 0.68 / 0.73 / 0.98 CNY/kWh
        TierSchedule summer = new TierSchedule(List.of(new Tier(d("260"), d("0.68")), new Tier(d("600"), d("0.73")), new Tier(null, d("0.98"))));
        TierSchedule winter = new TierSchedule(List.of(new Tier(d("200"), d("0.68")), new Tier(d("400"), d("0.73")), new Tier(null, d("0.98"))));
        assertEquals(d("352.00"), TierSchedule.total(summer.charge(BigDecimal.ZERO, d("500"))), "July: 260 × 0.68 + 240 × 0.73 = 176.80 + 175.20");
        assertEquals(d("380.00"), TierSchedule.total(winter.charge(BigDecimal.ZERO, d("500"))), "January: 136.00 + 146.00 + 98.00");
    }

    @Test
    void aLargerHouseholdHasItsBoundsRaised() {
        // water tiers of 180 / 260 m³ a year for up to 3 people, each bound raised 60 m³ per further person
        TierSchedule water = new TierSchedule(List.of(new Tier(d("180"), d("5.00")), new Tier(d("260"), d("7.00")), new Tier(null, d("9.00"))));
        TierSchedule five = water.forHousehold(5, 3, d("60"));
        assertEquals(List.of(new Tier(d("300"), d("5.00")), new Tier(d("380"), d("7.00")), new Tier(null, d("9.00"))), five.tiers());
        assertEquals(d("1500.00"), TierSchedule.total(five.charge(BigDecimal.ZERO, d("300"))), "300 m³ stays in tier 1 for five people");
        assertEquals(d("1820.00"), TierSchedule.total(water.charge(BigDecimal.ZERO, d("300"))), "180 × 5 + 80 × 7 + 40 × 9 = 900.00 + 560.00 + 360.00 for three");
        assertEquals(water, water.forHousehold(2, 3, d("60")));
    }

    @Test
    void twelveMonthlyBillsAddUpToTheYearsChargeWithinTheirRounding() {
        Random random = new Random(20261205);
        for (int run = 0; run < 500; run++) {
            BigDecimal used = BigDecimal.ZERO;
            BigDecimal monthly = BigDecimal.ZERO;
            int printedParts = 0;
            for (int month = 0; month < 12; month++) {
                BigDecimal usage = BigDecimal.valueOf(random.nextInt(900_000), 3);
                List<TierPart> parts = BEIJING.charge(used, usage);
                assertEquals(0, usage.compareTo(parts.stream().map(TierPart::quantity).reduce(BigDecimal.ZERO, BigDecimal::add)),
                        "every kWh of the bill is in exactly one tier part");
                monthly = monthly.add(TierSchedule.total(parts));
                printedParts += parts.size();
                used = used.add(usage);
            }
            BigDecimal exactYear = BEIJING.charge(BigDecimal.ZERO, used).stream().map(p -> p.quantity().multiply(p.unitPrice()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal gap = monthly.subtract(exactYear).abs();
            assertTrue(gap.compareTo(new BigDecimal("0.005").multiply(BigDecimal.valueOf(printedParts))) <= 0,
                    "run " + run + ": 12 bills " + monthly + " against the year's exact " + exactYear.setScale(4, RoundingMode.HALF_UP));
        }
    }

    @Test
    void aScheduleWhoseBoundsDoNotRiseOrWhoseLastTierEndsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TierSchedule(List.of(new Tier(d("200"), d("1")), new Tier(d("100"), d("2")),
                new Tier(null, d("3")))));
        assertThrows(IllegalArgumentException.class, () -> new TierSchedule(List.of(new Tier(d("200"), d("1")))));
        assertThrows(IllegalArgumentException.class, () -> new TierSchedule(List.of(new Tier(null, d("1")), new Tier(null, d("2")))));
        assertThrows(IllegalArgumentException.class, () -> BEIJING.charge(d("-1"), d("10")));
    }
}
