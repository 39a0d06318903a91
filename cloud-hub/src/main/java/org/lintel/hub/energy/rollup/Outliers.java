package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Units whose use stands out (异常用能): against their own recent history (the same length of time just before, four
 * times over, per day) and against similar units (use per m² of floor area against the median of the units in scope).
 * A unit using half again its own usual or twice its peers' per m² may have a fault, a leak or a new appliance; one
 * using half its usual or a quarter of its peers' may be vacant or its meter stuck. The thresholds are stated, not
 * learnt; the ratios are given so that a manager can judge.
 */
public final class Outliers {

    public static final BigDecimal ABOVE_OWN = new BigDecimal("1.5");
    public static final BigDecimal BELOW_OWN = new BigDecimal("0.5");
    public static final BigDecimal ABOVE_PEERS = new BigDecimal("2");
    public static final BigDecimal BELOW_PEERS = new BigDecimal("0.25");
    /** How many periods of the same length before the period make a unit's own history. */
    public static final int HISTORY_PERIODS = 4;

    /**
     * @param perDay        use per day over the period
     * @param usualPerDay   use per day over the history before it, or null without any
     * @param ownRatio      perDay ÷ usualPerDay, two decimals, or null
     * @param peerRatio     per m² ÷ the scope's median per m², two decimals, or null without an area
     * @param flags         aboveOwnHistory, belowOwnHistory, abovePeers, belowPeers
     */
    public record Unit(String unit, String building, Integer floor, BigDecimal use, BigDecimal perDay, BigDecimal usualPerDay, BigDecimal ownRatio,
                       BigDecimal area, BigDecimal perSquareMetre, BigDecimal peerRatio, List<String> flags) {
    }

    public record Answer(String site, String medium, String unit, String from, String to, String historyFrom, BigDecimal medianPerSquareMetre,
                         int units, int flagged, List<Unit> outliers) {
    }

    private static final MathContext MC = MathContext.DECIMAL64;

    private final EnergyUse use;

    public Outliers(EnergyUse use) {
        this.use = use;
    }

    /** The units of {@code medium} over [from, to) (local midnights), the most unusual first, at most {@code limit}. */
    public Answer of(String site, ZoneId zone, EnergyUse.Medium medium, Instant from, Instant to, String building, int limit) {
        Duration length = Duration.between(from, to);
        Instant historyFrom = from.minus(length.multipliedBy(HISTORY_PERIODS));
        EnergyUse.Answer now = use.use(site, zone, medium, EnergyUse.By.UNIT, EnergyUse.Interval.TOTAL, from, to, building);
        EnergyUse.Answer before = use.use(site, zone, medium, EnergyUse.By.UNIT, EnergyUse.Interval.TOTAL, historyFrom, from, building);
        Map<String, BigDecimal> usual = new HashMap<>();
        before.series().forEach(s -> usual.put(s.key(), s.total()));
        List<Unit> ranked = rank(now.series(), usual, BigDecimal.valueOf(length.toHours()).divide(BigDecimal.valueOf(24), MC),
                BigDecimal.valueOf(length.multipliedBy(HISTORY_PERIODS).toHours()).divide(BigDecimal.valueOf(24), MC));
        int flagged = (int) ranked.stream().filter(u -> !u.flags().isEmpty()).count();
        return new Answer(site, now.medium(), now.unit(), from.toString(), to.toString(), historyFrom.toString(), median(now.series()), ranked.size(), flagged,
                List.copyOf(ranked.subList(0, Math.min(limit, ranked.size()))));
    }

    /** The units flagged first, then by how far their larger ratio lies from 1 (either way). */
    static List<Unit> rank(List<EnergyUse.Series> units, Map<String, BigDecimal> usualTotals, BigDecimal days, BigDecimal historyDays) {
        BigDecimal median = median(units);
        List<Unit> out = new ArrayList<>();
        for (EnergyUse.Series s : units) {
            BigDecimal perDay = s.total().divide(days, 3, RoundingMode.HALF_UP);
            BigDecimal usualTotal = usualTotals.get(s.key());
            BigDecimal usual = usualTotal == null ? null : usualTotal.divide(historyDays, 3, RoundingMode.HALF_UP);
            BigDecimal own = usual == null || usual.signum() == 0 ? null : perDay.divide(usual, 2, RoundingMode.HALF_UP);
            BigDecimal peers = s.perSquareMetre() == null || median == null || median.signum() == 0 ? null
                    : s.perSquareMetre().divide(median, 2, RoundingMode.HALF_UP);
            List<String> flags = new ArrayList<>();
            if (own != null && own.compareTo(ABOVE_OWN) >= 0) {
                flags.add("aboveOwnHistory");
            }
            if (own != null && own.compareTo(BELOW_OWN) <= 0) {
                flags.add("belowOwnHistory");
            }
            if (peers != null && peers.compareTo(ABOVE_PEERS) >= 0) {
                flags.add("abovePeers");
            }
            if (peers != null && peers.compareTo(BELOW_PEERS) <= 0) {
                flags.add("belowPeers");
            }
            out.add(new Unit(s.key(), s.building(), s.floor(), s.total(), perDay, usual, own, s.area(), s.perSquareMetre(), peers, List.copyOf(flags)));
        }
        out.sort(Comparator.comparing((Unit u) -> u.flags().isEmpty()).thenComparing(Comparator.comparingDouble(Outliers::distance).reversed())
                .thenComparing(Unit::unit));
        return out;
    }

    private static double distance(Unit u) {
        double a = u.ownRatio() == null || u.ownRatio().signum() == 0 ? 0 : Math.abs(Math.log(u.ownRatio().doubleValue()));
        double b = u.peerRatio() == null || u.peerRatio().signum() == 0 ? 0 : Math.abs(Math.log(u.peerRatio().doubleValue()));
        return Math.max(a, b);
    }

    /** The median use per m² of the units with an area, three decimals; null when none has one. */
    static BigDecimal median(List<EnergyUse.Series> units) {
        List<BigDecimal> v = units.stream().map(EnergyUse.Series::perSquareMetre).filter(x -> x != null).sorted().toList();
        if (v.isEmpty()) {
            return null;
        }
        int n = v.size();
        return (n % 2 == 1 ? v.get(n / 2) : v.get(n / 2 - 1).add(v.get(n / 2)).divide(BigDecimal.valueOf(2), MC)).setScale(3, RoundingMode.HALF_UP);
    }
}
