package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.tariff.TouSpec;

/** Time of use with tier adders, and the day's band intervals in the site's time zone. */
class TimeOfUseTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Peak 08–11 and 18–23, flat 07–08 and 11–18, valley 23–07: eight hours each. */
    static final TouSchedule DAY = new TouSchedule(List.of(new TouSpec.Window("valley", LocalTime.of(23, 0), LocalTime.of(7, 0)),
            new TouSpec.Window("flat", LocalTime.of(7, 0), LocalTime.of(8, 0)), new TouSpec.Window("peak", LocalTime.of(8, 0), LocalTime.of(11, 0)),
            new TouSpec.Window("flat", LocalTime.of(11, 0), LocalTime.of(18, 0)), new TouSpec.Window("peak", LocalTime.of(18, 0), LocalTime.of(23, 0))));

    /** Band prices with peak : valley = 0.83 : 0.27 = 3.07 (the rule asks at least 3 : 1); tier adders 0 / 0.05 / 0.30 on Beijing's bounds. */
    static final TimeOfUseTariff TOU = new TimeOfUseTariff(Map.of("peak", d("0.83"), "flat", d("0.52"), "valley", d("0.27")),
            new TierSchedule(List.of(new Tier(d("2880"), d("0")), new Tier(d("4800"), d("0.05")), new Tier(null, d("0.30")))));

    @Test
    void aDaysBandUsageIsPricedPerBandAndTheTierAdderOnTheUsageAboveTheFirstTier() {
        Map<String, BigDecimal> usage = new LinkedHashMap<>();
        usage.put("peak", d("6.000"));
        usage.put("flat", d("4.500"));
        usage.put("valley", d("9.250"));
        // 2,870 kWh used this year before: of these 19.75 kWh, 10 stay in tier 1 and 9.75 pay tier 2's adder
        TouCharge c = TOU.charge(d("2870"), usage);
        assertEquals(List.of(new BandPart("peak", d("6.000"), d("0.83"), d("4.98")), new BandPart("flat", d("4.500"), d("0.52"), d("2.34")),
                new BandPart("valley", d("9.250"), d("0.27"), d("2.50"))), c.bands(), "9.25 × 0.27 = 2.4975 → 2.50");
        assertEquals(List.of(new TierPart(2, d("9.750"), d("0.05"), d("0.49"))), c.tierAdders(), "9.75 × 0.05 = 0.4875 → 0.49");
        assertEquals(d("10.31"), c.total());
        assertEquals(0, d("19.75").compareTo(c.quantity()));
        assertTrue(d("0.83").divide(d("0.27"), 2, java.math.RoundingMode.DOWN).compareTo(d("3")) >= 0, "peak : valley at least 3 : 1");
    }

    @Test
    void theDaysIntervalsFollowTheSitesLocalTime() {
        List<TouSchedule.Interval> day = DAY.intervals(LocalDate.of(2026, 12, 1), ZoneId.of("Asia/Shanghai"));
        assertEquals(List.of("valley", "flat", "peak", "flat", "peak", "valley"), day.stream().map(TouSchedule.Interval::band).toList());
        assertEquals(Instant.parse("2026-11-30T16:00:00Z"), day.get(0).from(), "local midnight in Shanghai");
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), day.get(0).to(), "07:00 local");
        assertEquals(Instant.parse("2026-12-01T16:00:00Z"), day.get(5).to(), "the next local midnight");
        for (int i = 1; i < day.size(); i++) {
            assertEquals(day.get(i - 1).to(), day.get(i).from(), "no gap and no overlap");
        }
        assertEquals("valley", DAY.bandAt(LocalTime.of(2, 30)));
        assertEquals("peak", DAY.bandAt(LocalTime.of(22, 59)));
    }

    @Test
    void aDayOfAClockChangeHasItsRealLength() {
        List<TouSchedule.Interval> day = DAY.intervals(LocalDate.of(2026, 3, 29), ZoneId.of("Europe/Berlin"));
        assertEquals(23 * 3600, day.get(day.size() - 1).to().getEpochSecond() - day.get(0).from().getEpochSecond());
    }

    @Test
    void bandsThatLeaveAGapOrOverlapAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TouSchedule(List.of(new TouSpec.Window("peak", LocalTime.of(8, 0), LocalTime.of(20, 0)))));
        assertThrows(IllegalArgumentException.class, () -> new TouSchedule(List.of(new TouSpec.Window("peak", LocalTime.of(8, 0), LocalTime.of(20, 0)),
                new TouSpec.Window("valley", LocalTime.of(19, 0), LocalTime.of(8, 0)))));
        assertThrows(IllegalArgumentException.class, () -> TOU.charge(BigDecimal.ZERO, Map.of("shoulder", d("1"))));
    }
}
