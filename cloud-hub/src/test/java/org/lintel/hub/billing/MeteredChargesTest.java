package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.lintel.hub.usage.BoundaryReading;
import org.lintel.hub.usage.Consumption;
import org.lintel.i18n.Label;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.FeeKind;
import org.lintel.tariff.Surcharge;
import org.lintel.tariff.TariffVersion;
import org.lintel.tariff.TierSpec;

/** A unit's metered fee over a bill period, from a meter's readings at local midnights; worked by hand. */
class MeteredChargesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** A meter read at local midnights; usage between two of them is the difference (all measured). */
    static UsageSource readings(String... dateAndValue) {
        TreeMap<Instant, BigDecimal> counter = new TreeMap<>();
        for (int i = 0; i < dateAndValue.length; i += 2) {
            counter.put(LocalDate.parse(dateAndValue[i]).atStartOfDay(SHANGHAI).toInstant(), d(dateAndValue[i + 1]));
        }
        return (site, target, point, from, to) -> {
            BigDecimal a = counter.get(from);
            BigDecimal b = counter.get(to);
            if (a == null || b == null) {
                throw new AssertionError("no reading at " + (a == null ? from : to) + " in the test's table");
            }
            BoundaryReading start = new BoundaryReading(from, a, "measured", from, from);
            BoundaryReading end = new BoundaryReading(to, b, "measured", to, to);
            return new Consumption(site, target, point, "kWh", from, to, b.subtract(a), false,
                    List.of(new Consumption.Segment(target + "-em", from, to, start, end, b.subtract(a), 0, List.of())));
        };
    }

    static FeeItem metered(String id, TariffVersion... versions) {
        return new FeeItem(id, Label.NONE, FeeKind.METERED, "energy.import.total", "kWh", List.of(versions), List.of(), null, null);
    }

    static TariffVersion tiered(String from, TierSpec tiers, Surcharge... surcharges) {
        return new TariffVersion(LocalDate.parse(from), null, tiers, null, List.of(surcharges), null);
    }

    static final TierSpec BEIJING = new TierSpec(TierSpec.Period.YEAR, List.of(d("2880"), d("4800")), List.of(d("0.4883"), d("0.5383"), d("0.7883")),
            List.of(), null, null);

    @Test
    void aDecemberBillCarriesTheYearsRunningTotalFromTheReadings() {
        UsageSource u = readings("2026-01-01", "0", "2026-12-01", "2800", "2027-01-01", "3100");
        List<MeteredLine> lines = new MeteredCharges(u).charge("s", SHANGHAI, metered("electricity", tiered("2026-01-01", BEIJING)), "b1-0101", 3,
                LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1));
        assertEquals(1, lines.size());
        assertEquals(d("2800"), lines.get(0).usedBefore());
        assertEquals(List.of(new TierPart(1, d("80"), d("0.4883"), d("39.06")), new TierPart(2, d("220"), d("0.5383"), d("118.43"))), lines.get(0).tiers());
        assertEquals(d("157.49"), lines.get(0).amount());
        assertEquals(d("2800"), lines.get(0).consumption().segments().get(0).start().value(), "the previous reading is on the line");
    }

    @Test
    void aBillAcrossTheNewYearRestartsTheAnnualTiersOnJanuaryFirst() {
        UsageSource u = readings("2026-01-01", "0", "2026-12-15", "2850", "2027-01-01", "3000", "2027-01-15", "3100");
        List<MeteredLine> lines = new MeteredCharges(u).charge("s", SHANGHAI, metered("electricity", tiered("2026-01-01", BEIJING)), "b1-0101", 3,
                LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 15));
        assertEquals(2, lines.size());
        // Dec 15 – Jan 1: 2,850 used before; 30 × 0.4883 = 14.649 → 14.65; 120 × 0.5383 = 64.596 → 64.60
        assertEquals(d("79.25"), lines.get(0).amount());
        // Jan 1 – Jan 15: a new year, 100 × 0.4883 = 48.83
        assertEquals(LocalDate.of(2027, 1, 1), lines.get(1).from());
        assertEquals(d("0"), lines.get(1).usedBefore());
        assertEquals(d("48.83"), lines.get(1).amount());
    }

    @Test
    void aPriceChangeInsideThePeriodSplitsTheLineAtItsDate() {
        FeeItem water = new FeeItem("water", Label.NONE, FeeKind.METERED, "water.volume.total", "m³", List.of(
                new TariffVersion(LocalDate.of(2026, 1, 1), d("5.00"), null, null, List.of(), null),
                new TariffVersion(LocalDate.of(2026, 12, 16), d("6.00"), null, null, List.of(new Surcharge(Label.of("Sewage", "污水处理费"), d("1.36"))), null)),
                List.of(), null, null);
        UsageSource u = readings("2026-12-01", "100", "2026-12-16", "106", "2027-01-01", "110.5");
        List<MeteredLine> lines = new MeteredCharges(u).charge("s", SHANGHAI, water, "b1-0101", 3, LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 1));
        assertEquals(2, lines.size());
        assertEquals(d("30.00"), lines.get(0).amount(), "6 m³ × 5.00");
        // 4.5 m³ × 6.00 = 27.00; sewage 4.5 × 1.36 = 6.12
        assertEquals(List.of(new MeteredLine.SurchargePart("污水处理费", d("4.5"), d("1.36"), d("6.12"))), lines.get(1).surcharges());
        assertEquals(d("33.12"), lines.get(1).amount());
    }

    @Test
    void shenzhensSummerBoundsStartOnMayFirstInsideABill() {
        TierSpec shenzhen = new TierSpec(TierSpec.Period.MONTH, List.of(d("200"), d("400")), List.of(d("0.68"), d("0.73"), d("0.98")),
                List.of(new TierSpec.Season(List.of(5, 6, 7, 8, 9, 10), List.of(d("260"), d("600")))), null, null);
        UsageSource u = readings("2026-04-01", "0", "2026-04-15", "150", "2026-05-01", "300", "2026-05-15", "500");
        List<MeteredLine> lines = new MeteredCharges(u).charge("s", SHANGHAI, metered("electricity", tiered("2026-01-01", shenzhen)), "b1-0101", 3,
                LocalDate.of(2026, 4, 15), LocalDate.of(2026, 5, 15));
        // April 15–30: 150 used in April before; 50 × 0.68 = 34.00, 100 × 0.73 = 73.00
        assertEquals(d("107.00"), lines.get(0).amount());
        // May 1–15: a new month under summer bounds; 200 × 0.68 = 136.00 (winter bounds would give the same; 260 matters above 200)
        assertEquals(d("136.00"), lines.get(1).amount());
        assertEquals(List.of(d("260"), d("600")), MeteredCharges.schedule(shenzhen, LocalDate.of(2026, 5, 1), 3).tiers().stream()
                .filter(t -> !t.unlimited()).map(Tier::upTo).toList());
    }

    @Test
    void aLargerHouseholdGetsRaisedWaterBounds() {
        TierSpec water = new TierSpec(TierSpec.Period.YEAR, List.of(d("180"), d("260")), List.of(d("5.00"), d("7.00"), d("9.00")), List.of(), 3, d("60"));
        UsageSource u = readings("2026-01-01", "0", "2027-01-01", "300");
        FeeItem item = new FeeItem("water", Label.NONE, FeeKind.METERED, "water.volume.total", "m³", List.of(tiered("2026-01-01", water)), List.of(), null, null);
        MeteredCharges charges = new MeteredCharges(u);
        assertEquals(d("1500.00"), charges.charge("s", SHANGHAI, item, "u", 5, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)).get(0).amount());
        assertEquals(d("1820.00"), charges.charge("s", SHANGHAI, item, "u", 3, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)).get(0).amount());
    }

    @Test
    void aPeriodBeforeTheFirstPriceOrEndingBeforeItStartsIsRefused() {
        MeteredCharges charges = new MeteredCharges(readings("2025-12-01", "0", "2026-01-01", "1"));
        FeeItem item = metered("electricity", tiered("2026-01-01", BEIJING));
        assertThrows(IllegalArgumentException.class, () -> charges.charge("s", SHANGHAI, item, "u", 3, LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> charges.charge("s", SHANGHAI, item, "u", 3, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> charges.charge("s", SHANGHAI, item, "u", 3, LocalDate.of(2025, 12, 15), LocalDate.of(2026, 1, 15)),
                "half a period without a price is not billed half");
    }

    /** A counter at 0 on 1 January, 2,870 at the period's start, then 1 kWh an hour in the valley, 2 flat, 3 at peak. */
    static UsageSource bandedCounter(LocalDate start) {
        Instant jan = LocalDate.of(2026, 1, 1).atStartOfDay(SHANGHAI).toInstant();
        Instant begin = start.atStartOfDay(SHANGHAI).toInstant();
        java.util.function.Function<Instant, BigDecimal> counter = t -> {
            if (!t.isAfter(begin)) {
                return t.equals(begin) ? d("2870") : d("0");
            }
            BigDecimal v = d("2870");
            for (Instant h = begin; h.isBefore(t); h = h.plusSeconds(3600)) {
                int hour = h.atZone(SHANGHAI).getHour();
                v = v.add(hour >= 23 || hour < 7 ? d("1") : (hour >= 8 && hour < 11) || (hour >= 18 && hour < 23) ? d("3") : d("2"));
            }
            return v;
        };
        return (site, target, point, from, to) -> {
            BigDecimal a = from.equals(jan) ? d("0") : counter.apply(from);
            BigDecimal b = counter.apply(to);
            BoundaryReading s = new BoundaryReading(from, a, "measured", from, from);
            BoundaryReading e = new BoundaryReading(to, b, "measured", to, to);
            return new Consumption(site, target, point, "kWh", from, to, b.subtract(a), false,
                    List.of(new Consumption.Segment(target + "-em", from, to, s, e, b.subtract(a), 0, List.of())));
        };
    }

    static final org.lintel.tariff.TouSpec BANDS = new org.lintel.tariff.TouSpec(List.of(
            new org.lintel.tariff.TouSpec.Window("valley", java.time.LocalTime.of(23, 0), java.time.LocalTime.of(7, 0)),
            new org.lintel.tariff.TouSpec.Window("flat", java.time.LocalTime.of(7, 0), java.time.LocalTime.of(8, 0)),
            new org.lintel.tariff.TouSpec.Window("peak", java.time.LocalTime.of(8, 0), java.time.LocalTime.of(11, 0)),
            new org.lintel.tariff.TouSpec.Window("flat", java.time.LocalTime.of(11, 0), java.time.LocalTime.of(18, 0)),
            new org.lintel.tariff.TouSpec.Window("peak", java.time.LocalTime.of(18, 0), java.time.LocalTime.of(23, 0))),
            java.util.Map.of("peak", d("0.83"), "flat", d("0.52"), "valley", d("0.27")), List.of(d("0"), d("0.05"), d("0.30")));

    @Test
    void aHouseholdOnTimeOfUseIsBilledPerBandFromTheReadingsAtEachBandBoundaryWithTheTierAdderAboveTier1() {
        LocalDate from = LocalDate.of(2026, 12, 1);
        FeeItem electricity = metered("electricity", new TariffVersion(LocalDate.of(2026, 1, 1), null, BEIJING, BANDS, List.of(), null));
        MeteredCharges charges = new MeteredCharges(bandedCounter(from));
        // two days: valley 2 × 8 h × 1 = 16, flat 2 × 8 h × 2 = 32, peak 2 × 8 h × 3 = 48 kWh; 96 kWh after 2,870 this year
        MeteredLine tou = charges.charge("s", SHANGHAI, electricity, "b1-0101", 3, true, from, from.plusDays(2)).get(0);
        assertEquals(List.of(new BandPart("valley", d("16"), d("0.27"), d("4.32")), new BandPart("flat", d("32"), d("0.52"), d("16.64")),
                new BandPart("peak", d("48"), d("0.83"), d("39.84"))), tou.timeOfUse().bands());
        // 10 kWh fill tier 1 (adder 0), the other 86 pay tier 2's adder: 86 × 0.05 = 4.30
        assertEquals(List.of(new TierPart(2, d("86"), d("0.05"), d("4.30"))), tou.timeOfUse().tierAdders());
        assertEquals(d("65.10"), tou.amount(), "4.32 + 16.64 + 39.84 + 4.30");
        assertEquals(0, d("96").compareTo(tou.consumption().usage()), "the bands add up to the stretch's usage");
        MeteredLine flat = charges.charge("s", SHANGHAI, electricity, "b1-0101", 3, false, from, from.plusDays(2)).get(0);
        assertEquals(d("51.17"), flat.amount(), "not opted in: 10 × 0.4883 + 86 × 0.5383 = 4.88 + 46.29");
    }
}
