package org.lintel.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;

/** The sample community's tariff file, and a broken file per mistake, each reported at its line. */
class TariffReaderTest {

    static Path fixture(String name) {
        return Path.of("src/test/resources/tariffs").resolve(name);
    }

    static String problems(String name) {
        Problems p = new Problems();
        TariffLoader.load(fixture(name), name, p);
        return p.toString();
    }

    @Test
    void theSampleCommunitysTariffIsReadWithEveryFeeKind() {
        Problems p = new Problems();
        Optional<TariffFile> f = TariffLoader.load(Path.of("sites/sample-community.tariffs.yaml"), "sample-community.tariffs.yaml", p);
        assertFalse(p.hasErrors(), p.toString());
        TariffFile t = f.orElseThrow();
        assertEquals("lintel-garden", t.site());
        assertEquals(List.of("electricity", "water", "property-fee", "parking", "b1-lift-lobby-electricity", "b2-lift-lobby-electricity"),
                t.items().stream().map(FeeItem::id).toList());
        assertEquals(List.of(FeeKind.METERED, FeeKind.METERED, FeeKind.AREA, FeeKind.FIXED, FeeKind.POOL, FeeKind.POOL),
                t.items().stream().map(FeeItem::kind).toList());
        TariffVersion electricity = t.items().get(0).versions().get(0);
        assertEquals(LocalDate.of(2026, 1, 1), electricity.from());
        assertEquals(TierSpec.Period.YEAR, electricity.tiers().period());
        assertEquals(List.of(new BigDecimal("2880"), new BigDecimal("4800")), electricity.tiers().bounds());
        assertEquals(List.of(new BigDecimal("0.4883"), new BigDecimal("0.5383"), new BigDecimal("0.7883")), electricity.tiers().prices());
        assertEquals(new TouSpec.Window("valley", LocalTime.of(23, 0), LocalTime.of(7, 0)), electricity.timeOfUse().windows().get(0));
        assertEquals(new BigDecimal("0.27"), electricity.timeOfUse().prices().get("valley"));
        TariffVersion water = t.items().get(1).versions().get(0);
        assertEquals(3, water.tiers().basePersons());
        assertEquals("污水处理费", water.surcharges().get(0).name().zh());
        assertEquals(new BigDecimal("2.80"), t.items().get(2).versions().get(0).price());
        assertEquals(List.of("b1-lifts-em", "b1-lobby-em"), t.items().get(4).poolMeters());
        assertEquals(FeeItem.Allocation.AREA, t.items().get(4).allocate());
        assertTrue(t.items().get(0).resold());
        assertEquals(new BigDecimal("0.13"), t.items().get(0).taxRate());
        assertEquals(new BigDecimal("0.06"), t.items().get(2).taxRate());
        assertEquals(15, t.notice().dueDays());
        assertEquals(3, t.notice().channels().size());
        assertEquals("物业服务中心 010-6000 1234", t.notice().contact().zh());
    }

    @Test
    void eachMistakeIsReportedAtItsLineWithWhatWouldBeRight() {
        assertTrue(problems("tier-prices-count.yaml").contains("tier-prices-count.yaml:17:"), problems("tier-prices-count.yaml"));
        assertTrue(problems("tier-prices-count.yaml").contains("2 prices for 2 bounds; a tier schedule has one price more than bounds"));
        assertTrue(problems("bounds-not-rising.yaml").contains("bounds-not-rising.yaml:16:") && problems("bounds-not-rising.yaml")
                .contains("bounds rise and are positive; 2880 follows 4800"), problems("bounds-not-rising.yaml"));
        assertTrue(problems("tou-gap.yaml").contains("the windows must cover every minute of the day once; 07:00 is in 0"), problems("tou-gap.yaml"));
        assertTrue(problems("tou-band-without-price.yaml").contains("band 'valley' has windows but no price"), problems("tou-band-without-price.yaml"));
        assertTrue(problems("versions-out-of-order.yaml").contains("versions are in date order; 2026-01-01 is not after 2026-06-01"),
                problems("versions-out-of-order.yaml"));
        assertTrue(problems("area-without-price.yaml").contains("yuan per m² and month"), problems("area-without-price.yaml"));
        assertTrue(problems("pool-without-allocation.yaml").contains("how the pool is shared: area, households or usage"),
                problems("pool-without-allocation.yaml"));
        assertTrue(problems("unknown-kind.yaml").contains("monthly") && problems("unknown-kind.yaml").contains("one-off"), problems("unknown-kind.yaml"));
        assertTrue(problems("bad-date.yaml").contains("'2026-02-30' is not a date"), problems("bad-date.yaml"));
        assertTrue(problems("duplicate-item.yaml").contains("fee item 'water' is already defined above"), problems("duplicate-item.yaml"));
        assertTrue(problems("typo-field.yaml").contains("tierAdder") && problems("typo-field.yaml").contains("tierAdders"), problems("typo-field.yaml"));
        assertTrue(problems("metered-without-point.yaml").contains("the canonical point billed"), problems("metered-without-point.yaml"));
        assertTrue(problems("tax-rate-as-percent.yaml").contains("tax-rate-as-percent.yaml:10:") && problems("tax-rate-as-percent.yaml")
                .contains("a VAT rate is a fraction between 0 and 0.5, e.g. 0.13 for 13 %; found 13"), problems("tax-rate-as-percent.yaml"));
        assertTrue(problems("resold-area-fee.yaml").contains("only a metered or pool fee item is resold power (转供电)"), problems("resold-area-fee.yaml"));
        String late = problems("late-fee-without-cap.yaml");
        assertTrue(late.contains("late-fee-without-cap.yaml:8:") && late.contains("a daily rate is above 0 and at most 0.01 (1 % a day); found 3"), late);
        assertTrue(late.contains("cap") && late.contains("民法典 §585"), late);
        assertTrue(late.contains("clause") && late.contains("without it no late fee may be charged"), late);
    }

    @Test
    void theSamplePropertyFeesLateFeeIsReadAsItsContractStatesIt() {
        Problems p = new Problems();
        TariffFile t = TariffLoader.load(Path.of("sites/sample-community.tariffs.yaml"), "sample-community.tariffs.yaml", p).orElseThrow();
        LateFee l = t.items().stream().filter(i -> i.id().equals("property-fee")).findFirst().orElseThrow().lateFee();
        assertEquals(new LateFee(0, new BigDecimal("0.0003"), new BigDecimal("0.3"), null, 730, false, "物业服务合同第十二条 clause 12"), l);
        assertEquals(null, t.items().get(0).lateFee(), "electricity has none: its contract says nothing");
    }
}
