package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 公摊: a pool (a master meter's cost less its sub-meters', a lift's electricity) shared by weights (floor area,
 * households, each unit's usage) to the fen, by largest remainder: every share is first rounded toward zero, then the
 * fen left over go one each to the shares that lost most, ties to the earlier key. The shares add up to the pool
 * exactly, which rounding each share on its own does not do (100.00 over three equal units: 33.33 × 3 = 99.99).
 */
public final class Apportionment {

    private Apportionment() {
    }

    /** Each key's share of {@code pool} (at the fen), in the order of {@code weights}. */
    public static Map<String, BigDecimal> byWeights(BigDecimal pool, Map<String, BigDecimal> weights) {
        if (pool.scale() > Money.SCALE && pool.stripTrailingZeros().scale() > Money.SCALE) {
            throw new IllegalArgumentException("a pool to share is an amount in fen; round it first (" + pool + ")");
        }
        BigDecimal sum = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (weights.isEmpty() || sum.signum() <= 0 || weights.values().stream().anyMatch(w -> w.signum() < 0)) {
            throw new IllegalArgumentException("a pool is shared by weights that are not negative and not all zero; found " + weights);
        }
        BigDecimal magnitude = pool.abs().setScale(Money.SCALE, RoundingMode.UNNECESSARY);
        record Share(String key, int order, BigDecimal floor, BigDecimal remainder) {
        }
        List<Share> shares = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO;
        int i = 0;
        for (Map.Entry<String, BigDecimal> w : weights.entrySet()) {
            // exact to 20 places: enough to order remainders of any realistic pool and weights
            BigDecimal exact = magnitude.multiply(w.getValue()).divide(sum, 20, RoundingMode.DOWN);
            BigDecimal floor = exact.setScale(Money.SCALE, RoundingMode.DOWN);
            shares.add(new Share(w.getKey(), i++, floor, exact.subtract(floor)));
            allocated = allocated.add(floor);
        }
        long fenLeft = magnitude.subtract(allocated).movePointRight(Money.SCALE).longValueExact();
        List<Share> byLoss = new ArrayList<>(shares);
        byLoss.sort(Comparator.comparing(Share::remainder).reversed().thenComparingInt(Share::order));
        Map<String, BigDecimal> bonus = new LinkedHashMap<>();
        for (int k = 0; k < fenLeft; k++) {
            bonus.put(byLoss.get(k % byLoss.size()).key(), bonus.getOrDefault(byLoss.get(k % byLoss.size()).key(), BigDecimal.ZERO)
                    .add(new BigDecimal("0.01")));
        }
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Share s : shares) {
            BigDecimal share = s.floor().add(bonus.getOrDefault(s.key(), BigDecimal.ZERO)).setScale(Money.SCALE);
            out.put(s.key(), pool.signum() < 0 ? share.negate() : share);
        }
        return out;
    }
}
