package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** 公摊 to the fen by largest remainder. */
class ApportionmentTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static Map<String, BigDecimal> weights(String... pairs) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], d(pairs[i + 1]));
        }
        return m;
    }

    static BigDecimal sum(Map<String, BigDecimal> shares) {
        return shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void a1000YuanPoolSharedByFloorAreasThatDoNotDivideEvenlyAddsUpToTheFen() {
        // 257.35 m² in all: 1000 × 88/257.35 = 341.9467…, × 92.50/257.35 = 359.4327…, × 76.85/257.35 = 298.6206…
        // rounded down: 341.94 + 359.43 + 298.62 = 999.99; the fen left goes to the largest remainder (0.0067…, unit 0101)
        Map<String, BigDecimal> shares = Apportionment.byWeights(d("1000.00"), weights("b1-0101", "88.00", "b1-0102", "92.50", "b1-0103", "76.85"));
        assertEquals(Map.of("b1-0101", d("341.95"), "b1-0102", d("359.43"), "b1-0103", d("298.62")), shares);
        assertEquals(d("1000.00"), sum(shares));
    }

    @Test
    void threeEqualUnitsShare100YuanAs33Point34And33Point33Twice() {
        Map<String, BigDecimal> shares = Apportionment.byWeights(d("100.00"), weights("a", "1", "b", "1", "c", "1"));
        assertEquals(d("33.34"), shares.get("a"), "ties go to the earlier unit");
        assertEquals(d("33.33"), shares.get("b"));
        assertEquals(d("33.33"), shares.get("c"));
        assertEquals(d("100.00"), sum(shares), "rounding each share alone would give 99.99");
    }

    @Test
    void aNegativePoolIsSharedTheSameWayWithItsSign() {
        // sub-meters that read more than the master meter: the pool of losses is negative
        Map<String, BigDecimal> shares = Apportionment.byWeights(d("-10.00"), weights("a", "1", "b", "1", "c", "1"));
        assertEquals(d("-3.34"), shares.get("a"));
        assertEquals(d("-10.00"), sum(shares));
        assertEquals(Map.of("a", d("0.00"), "b", d("0.00")), Apportionment.byWeights(d("0.00"), weights("a", "1", "b", "3")));
    }

    @Test
    void anyPoolAndWeightsGiveSharesThatAddUpAndAreWithinAFenOfTheirExactPart() {
        Random random = new Random(42);
        for (int run = 0; run < 2000; run++) {
            BigDecimal pool = BigDecimal.valueOf(random.nextInt(10_000_000) - 1_000_000, 2);
            int n = 1 + random.nextInt(60);
            Map<String, BigDecimal> w = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                w.put("u" + i, BigDecimal.valueOf(random.nextInt(20_000), 2));
            }
            if (w.values().stream().allMatch(v -> v.signum() == 0)) {
                w.put("u0", BigDecimal.ONE);
            }
            BigDecimal total = sum(w);
            Map<String, BigDecimal> shares = Apportionment.byWeights(pool, w);
            assertEquals(0, pool.compareTo(sum(shares)), "run " + run + ": the shares add up to the pool");
            for (Map.Entry<String, BigDecimal> e : shares.entrySet()) {
                BigDecimal exact = pool.multiply(w.get(e.getKey())).divide(total, 10, RoundingMode.HALF_EVEN);
                assertTrue(e.getValue().subtract(exact).abs().compareTo(d("0.01")) < 0, "run " + run + ": " + e + " against " + exact);
                assertEquals(2, e.getValue().scale());
            }
        }
    }

    @Test
    void weightsThatAreAllZeroOrNegativeAndPoolsBelowTheFenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Apportionment.byWeights(d("10.00"), weights("a", "0", "b", "0")));
        assertThrows(IllegalArgumentException.class, () -> Apportionment.byWeights(d("10.00"), weights("a", "-1", "b", "2")));
        assertThrows(IllegalArgumentException.class, () -> Apportionment.byWeights(d("10.005"), weights("a", "1")));
        assertThrows(IllegalArgumentException.class, () -> Apportionment.byWeights(d("10.00"), Map.of()));
    }
}
