package org.lintel.hub.energy.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Units against their own history and against their peers per m², worked by hand. */
class OutliersTest {

    static EnergyUse.Series unit(String id, String total, String area) {
        BigDecimal t = new BigDecimal(total);
        BigDecimal a = new BigDecimal(area);
        return new EnergyUse.Series(id, "b1", 1, 1, t, false, a, t.divide(a, 3, java.math.RoundingMode.HALF_UP), List.of());
    }

    @Test
    void aUnitUsingFarMoreThanItsUsualOrItsPeersComesFirstAndAVacantOneIsFlaggedToo() {
        // a week: 70 kWh = 10 a day; history four weeks (28 days)
        List<EnergyUse.Series> week = List.of(unit("b1-0101", "70", "100"), unit("b1-0102", "140", "100"), unit("b1-0103", "77", "110"),
                unit("b1-0104", "7", "100"), unit("b1-0105", "300", "100"));
        Map<String, BigDecimal> fourWeeks = Map.of("b1-0101", new BigDecimal("280"), "b1-0102", new BigDecimal("280"), "b1-0103", new BigDecimal("308"),
                "b1-0104", new BigDecimal("280"), "b1-0105", new BigDecimal("1120"));
        // per m²: 0.7, 1.4, 0.7, 0.07, 3.0 → median 0.7
        assertEquals(new BigDecimal("0.700"), Outliers.median(week));
        List<Outliers.Unit> r = Outliers.rank(week, fourWeeks, BigDecimal.valueOf(7), BigDecimal.valueOf(28));
        // b1-0104: 1 a day against its usual 10 (0.10) and 0.1 of its peers: ln 10 = 2.30, the furthest
        assertEquals("b1-0104", r.get(0).unit());
        assertEquals(List.of("belowOwnHistory", "belowPeers"), r.get(0).flags());
        assertEquals(new BigDecimal("0.10"), r.get(0).ownRatio());
        // b1-0105: 300 / 7 = 42.857 a day, usual 40 (1.07): not above its own, but 3.0 per m² is 4.29 × the median
        assertEquals("b1-0105", r.get(1).unit());
        assertEquals(List.of("abovePeers"), r.get(1).flags());
        assertEquals(new BigDecimal("4.29"), r.get(1).peerRatio());
        // b1-0102: twice its usual (20 against 10) and twice its peers
        assertEquals("b1-0102", r.get(2).unit());
        assertEquals(List.of("aboveOwnHistory", "abovePeers"), r.get(2).flags());
        // the ordinary ones last, unflagged
        assertEquals(List.of(), r.get(3).flags());
        assertEquals(List.of(), r.get(4).flags());
    }

    @Test
    void aUnitWithoutHistoryOrAreaIsJudgedOnlyOnWhatItHas() {
        EnergyUse.Series noArea = new EnergyUse.Series("b1-0201", "b1", 2, 1, new BigDecimal("70"), false, null, null, List.of());
        List<Outliers.Unit> r = Outliers.rank(List.of(noArea, unit("b1-0202", "70", "100")), Map.of(), BigDecimal.valueOf(7), BigDecimal.valueOf(28));
        Outliers.Unit u = r.stream().filter(x -> x.unit().equals("b1-0201")).findFirst().orElseThrow();
        assertEquals(null, u.ownRatio());
        assertEquals(null, u.peerRatio());
        assertEquals(List.of(), u.flags());
    }
}
