package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lintel.hub.usage.BoundaryReading;
import org.lintel.hub.usage.Consumption;
import org.lintel.i18n.Label;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.FeeKind;
import org.lintel.tariff.TariffFile;
import org.lintel.tariff.TariffVersion;
import org.lintel.tariff.TierSpec;

/** Three units' December bills, every figure worked by hand; lines add up to totals, shares to the pool. */
class BillCalculatorTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    static final LocalDate DEC = LocalDate.of(2026, 12, 1);
    static final LocalDate NEXT = LocalDate.of(2027, 1, 1);

    /** Counter readings at local midnights, per meter or unit. */
    static UsageSource readings(Map<String, Map<LocalDate, String>> table) {
        return (site, target, point, from, to) -> {
            Map<LocalDate, String> t = table.get(target);
            BigDecimal a = d(t.get(from.atZone(SHANGHAI).toLocalDate()));
            BigDecimal b = d(t.get(to.atZone(SHANGHAI).toLocalDate()));
            return new Consumption(site, target, point, "kWh", from, to, b.subtract(a), false, List.of(new Consumption.Segment(target, from, to,
                    new BoundaryReading(from, a, "measured", from, from), new BoundaryReading(to, b, "measured", to, to), b.subtract(a), 0, List.of())));
        };
    }

    static final TariffFile TARIFF = new TariffFile("s", "CNY", List.of(
            new FeeItem("electricity", Label.NONE, FeeKind.METERED, "energy.import.total", "kWh", List.of(new TariffVersion(JAN, null,
                    new TierSpec(TierSpec.Period.YEAR, List.of(d("2880"), d("4800")), List.of(d("0.4883"), d("0.5383"), d("0.7883")), List.of(), null, null),
                    null, List.of(), null)), List.of(), null, null),
            new FeeItem("property-fee", Label.NONE, FeeKind.AREA, null, null, List.of(new TariffVersion(JAN, d("2.80"), null, null, List.of(), null)),
                    List.of(), null, null),
            new FeeItem("parking", Label.NONE, FeeKind.FIXED, null, null, List.of(new TariffVersion(JAN, d("300.00"), null, null, List.of(), null)),
                    List.of(), null, null),
            new FeeItem("lifts", Label.NONE, FeeKind.POOL, null, null, List.of(new TariffVersion(JAN, d("0.4883"), null, null, List.of(), null)),
                    List.of("b1-lifts-em"), FeeItem.Allocation.AREA, null)), "tariff.yaml");

    static final Set<String> ALL = Set.of("electricity", "property-fee", "lifts");

    static UsageSource december() {
        Map<String, Map<LocalDate, String>> t = new HashMap<>();
        t.put("b1-0101", Map.of(JAN, "0", DEC, "2800", NEXT, "3100"));
        t.put("b1-0102", Map.of(JAN, "0", DEC, "1000", NEXT, "1200"));
        t.put("b1-0103", Map.of(JAN, "0", DEC, "5000", NEXT, "5100", LocalDate.of(2026, 12, 10), "5030"));
        t.put("b1-lifts-em", Map.of(DEC, "10000", NEXT, "12048", LocalDate.of(2026, 12, 10), "10600"));
        return readings(t);
    }

    @Test
    void threeUnitsDecemberBillsAreTheSumOfTheirLinesAndTheLiftsPoolAddsUpToTheFen() {
        List<BillingAccount> accounts = List.of(
                new BillingAccount("b1-0101", "张伟", d("88.00"), 3, Set.of("electricity", "property-fee", "lifts", "parking")),
                new BillingAccount("b1-0102", "王芳", d("92.50"), 2, ALL),
                new BillingAccount("b1-0103", "李娜", d("76.85"), 4, ALL));
        List<UnitBill> bills = new BillCalculator(december()).bills("s", SHANGHAI, TARIFF, accounts, DEC, NEXT);

        // electricity: 80 × 0.4883 + 220 × 0.5383 = 157.49; 200 × 0.4883 = 97.66; 100 × 0.7883 = 78.83 (already above 4,800)
        // property fee: 88.00 × 2.80 = 246.40; 92.50 × 2.80 = 259.00; 76.85 × 2.80 = 215.18; parking 300.00 for b1-0101
        // lifts: 2,048 kWh × 0.4883 = 1,000.0384 → 1,000.04 shared by 257.35 m²: 341.9604…, 359.4470…, 298.6325…;
        //        rounded down 1,000.03, the fen to the largest remainder (b1-0102): 341.96, 359.45, 298.63
        assertEquals(d("1045.85"), bills.get(0).total(), "157.49 + 246.40 + 300.00 + 341.96");
        assertEquals(d("716.11"), bills.get(1).total(), "97.66 + 259.00 + 359.45");
        assertEquals(d("592.64"), bills.get(2).total(), "78.83 + 215.18 + 298.63");
        assertEquals(d("1000.04"), bills.stream().flatMap(b -> b.lines().stream()).filter(l -> l.feeItem().equals("lifts"))
                .map(BillLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add), "the shares add up to the pool");
        for (UnitBill b : bills) {
            assertEquals(b.total(), b.lines().stream().map(BillLine::amount).reduce(d("0.00"), BigDecimal::add), "a total is its lines' sum");
        }
        BillLine tier2 = bills.get(0).lines().stream().filter(l -> l.basis().startsWith("第2档")).findFirst().orElseThrow();
        Instant dec = DEC.atStartOfDay(SHANGHAI).toInstant();
        Instant next = NEXT.atStartOfDay(SHANGHAI).toInstant();
        assertEquals(new BillLine("electricity", "electricity", BillLine.Kind.TIER, "第2档 tier 2 2026-12-01–2027-01-01", d("220"), "kWh", d("0.5383"),
                d("118.43"), false, null, false, List.of(new LineReading("b1-0101", dec, d("2800"), "measured", next, d("3100"), "measured"))), tier2,
                "a tier line carries the readings it was computed from");
        assertEquals("公摊 2048 kWh × 0.4883 = 1000.04 × 92.50/257.35",
                bills.get(1).lines().stream().filter(l -> l.feeItem().equals("lifts")).findFirst().orElseThrow().basis());
    }

    @Test
    void aUnitMovingInOnTheTenthPaysItsPartOfTheMonthByDays() {
        List<BillingAccount> accounts = List.of(new BillingAccount("b1-0103", "李娜", d("76.85"), 4, Set.of("property-fee")));
        List<UnitBill> bills = new BillCalculator(december()).bills("s", SHANGHAI, TARIFF, accounts, LocalDate.of(2026, 12, 10), NEXT);
        BillLine fee = bills.get(0).lines().get(0);
        assertEquals("76.85 m² × 2026-12 22/31", fee.basis());
        assertEquals(d("152.71"), fee.amount(), "76.85 × 2.80 × 22 / 31 = 152.7083… → 152.71");
    }

    @Test
    void aUnitWithoutAMeterGetsAnAnomalyAndTheOtherUnitsTheirBills() {
        UsageSource noMeterForB1_0104 = (site, target, point, from, to) -> {
            if (target.equals("b1-0104")) {
                throw new org.lintel.hub.usage.UsageRequestException("target", "parameter 'target': 'b1-0104' is neither a device nor a unit"
                        + ", common area or building with a meter that has point 'energy.import.total'");
            }
            return december().consumption(site, target, point, from, to);
        };
        List<BillingAccount> accounts = List.of(new BillingAccount("b1-0101", "张伟", d("88.00"), 3, Set.of("electricity")),
                new BillingAccount("b1-0104", "赵强", d("80.00"), 3, Set.of("electricity", "property-fee")));
        List<UnitBill> bills = new BillCalculator(noMeterForB1_0104).bills("s", SHANGHAI, TARIFF, accounts, DEC, NEXT);
        assertEquals(d("157.49"), bills.get(0).total());
        assertEquals(List.of(), bills.get(0).anomalies());
        assertEquals(d("224.00"), bills.get(1).total(), "its property fee is billed (80.00 × 2.80); its electricity is not");
        assertEquals(1, bills.get(1).anomalies().size());
        org.junit.jupiter.api.Assertions.assertTrue(bills.get(1).anomalies().get(0).startsWith("electricity: parameter 'target': 'b1-0104'"),
                bills.get(1).anomalies().toString());
    }

    @Test
    void reRunningTheSameBillsGivesTheSameLines() {
        List<BillingAccount> accounts = List.of(new BillingAccount("b1-0101", "张伟", d("88.00"), 3, ALL), new BillingAccount("b1-0102", "王芳", d("92.50"), 2, ALL));
        BillCalculator calc = new BillCalculator(december());
        assertEquals(calc.bills("s", SHANGHAI, TARIFF, accounts, DEC, NEXT), calc.bills("s", SHANGHAI, TARIFF, accounts, DEC, NEXT));
    }

    static TariffFile liftsBy(FeeItem.Allocation allocation) {
        return new TariffFile("s", "CNY", List.of(new FeeItem("lifts", Label.NONE, FeeKind.POOL, null, "kWh",
                List.of(new TariffVersion(JAN, d("0.4883"), null, null, List.of(), null)), List.of("b1-lifts-em"), allocation, null)), "tariff.yaml");
    }

    @Test
    void aPoolSharedByUsageGivesEachUnitItsShareOfTheMonthsUsageToTheFen() {
        List<BillingAccount> accounts = List.of(new BillingAccount("b1-0101", "张伟", d("88.00"), 3, Set.of("lifts")),
                new BillingAccount("b1-0102", "王芳", d("92.50"), 2, Set.of("lifts")), new BillingAccount("b1-0103", "李娜", d("76.85"), 4, Set.of("lifts")));
        List<UnitBill> bills = new BillCalculator(december()).bills("s", SHANGHAI, liftsBy(FeeItem.Allocation.USAGE), accounts, DEC, NEXT);
        // 1,000.04 by December's usage 300 / 200 / 100 kWh: 500.02, 333.3466…, 166.6733…; rounded down 1,000.03, the
        // fen to the largest remainder (b1-0102): 500.02, 333.35, 166.67
        assertEquals(List.of(d("500.02"), d("333.35"), d("166.67")), bills.stream().map(UnitBill::total).toList());
        assertEquals("公摊 2048 kWh × 0.4883 = 1000.04 × 200/600", bills.get(1).lines().get(0).basis());
        assertEquals("kWh", bills.get(1).lines().get(0).unit());
    }

    @Test
    void aPoolWhoseMeterCannotBeReadIsAnAnomalyOnEveryBillSharingItNotAFailedRun() {
        UsageSource unreadablePool = (site, target, point, from, to) -> {
            if (target.equals("b1-lifts-em")) {
                throw new org.lintel.hub.usage.NoReadingsException("meter b1-lifts-em has no good readings of energy.import.total around " + from);
            }
            return december().consumption(site, target, point, from, to);
        };
        List<BillingAccount> accounts = List.of(new BillingAccount("b1-0101", "张伟", d("88.00"), 3, Set.of("lifts", "property-fee")),
                new BillingAccount("b1-0102", "王芳", d("92.50"), 2, Set.of("lifts")));
        TariffFile tariff = new TariffFile("s", "CNY", List.of(TARIFF.items().get(1), liftsBy(FeeItem.Allocation.AREA).items().get(0)), "t.yaml");
        List<UnitBill> bills = new BillCalculator(unreadablePool).bills("s", SHANGHAI, tariff, accounts, DEC, NEXT);
        assertEquals(d("246.40"), bills.get(0).total(), "the property fee is billed");
        for (UnitBill b : bills) {
            assertEquals(1, b.anomalies().size(), b.anomalies().toString());
            assertTrue(b.anomalies().get(0).startsWith("lifts: the pool's usage is unknown (meter b1-lifts-em has no good readings"), b.anomalies().get(0));
        }
    }

    @Test
    void aParkingSpaceRentedFromTheTenthIsBilledForItsDaysAndSharesThePoolForThem() {
        java.util.Map<String, ChargedPeriod> fromTenth = java.util.Map.of("parking", new ChargedPeriod(LocalDate.of(2026, 12, 10), null),
                "lifts", new ChargedPeriod(LocalDate.of(2026, 12, 10), null));
        List<BillingAccount> accounts = List.of(
                new BillingAccount("b1-0101", "张伟", d("88.00"), 3, false, Set.of("parking", "lifts"), fromTenth),
                new BillingAccount("b1-0102", "王芳", d("92.50"), 2, false, Set.of("lifts"), java.util.Map.of()));
        List<UnitBill> bills = new BillCalculator(december()).bills("s", SHANGHAI, TARIFF, accounts, DEC, NEXT);
        BillLine parking = bills.get(0).lines().stream().filter(l -> l.feeItem().equals("parking")).findFirst().orElseThrow();
        assertEquals("2026-12 22/31", parking.basis());
        assertEquals(d("212.90"), parking.amount(), "300.00 × 22 / 31 = 212.903… → 212.90");
        // the lifts' 1,000.04 by area for the days shared: 88.00 × 22/31 = 62.4516… against 92.50 for the whole month:
        // 1,000.04 × 62.4516… / 154.9516… = 403.0555…, and 596.9844…: rounded down 1,000.03, the fen to the larger
        // remainder (b1-0101): 403.06 and 596.98
        BigDecimal a = bills.get(0).lines().stream().filter(l -> l.feeItem().equals("lifts")).findFirst().orElseThrow().amount();
        BigDecimal b = bills.get(1).lines().stream().filter(l -> l.feeItem().equals("lifts")).findFirst().orElseThrow().amount();
        assertEquals(d("1000.04"), a.add(b), "the shares still add up to the pool");
        assertEquals(d("403.06"), a);
        assertEquals(List.of(), new BillCalculator(december()).bills("s", SHANGHAI, TARIFF, List.of(new BillingAccount("b1-0101", "张伟", d("88.00"), 3,
                false, Set.of("parking"), java.util.Map.of("parking", new ChargedPeriod(null, DEC)))), DEC, NEXT).get(0).lines(),
                "a space given up before the period is not billed");
    }
}
