package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lintel.hub.energy.MeterTree;
import org.lintel.profile.BillingMeaning;

/**
 * Night flow (夜间流量) of every water meter for one night, from the hourly rollups, ranked so that the likeliest leak
 * comes first. A household draws water in bursts and seldom at night; a leak flows all the time. Two indications are
 * given (waterwatch's "no hour in 24 without flow" and a flow in every hour of the night window), and the ranking key
 * is the meter's minimum night flow: the smallest hourly volume of the night window, which only a constant flow raises.
 */
public final class NightFlow {

    /** The night window: local hours from midnight to 05:00. */
    public static final LocalTime NIGHT_ENDS = LocalTime.of(5, 0);

    /**
     * One water meter's night.
     *
     * @param minimumLitresPerHour the smallest hourly volume of the night window in litres, or null when an hour of it
     *                             has no rollup (the meter did not report)
     * @param nightLitres          the night window's volume in litres
     * @param flowingNightHours    night hours with any flow, of {@code nightHours} with a rollup (five when complete)
     * @param zeroHoursIn24h       hours without flow in the 24 hours up to the window's end
     * @param continuousNightFlow  every hour of the night window had flow
     * @param noZeroHourIn24h      all 24 hours had a rollup and none was without flow
     */
    public record Meter(String meter, String serves, String building, BigDecimal minimumLitresPerHour, BigDecimal nightLitres, int flowingNightHours,
                        int nightHours, int zeroHoursIn24h, int hoursIn24h, boolean continuousNightFlow, boolean noZeroHourIn24h, boolean suspected,
                        boolean estimated) {
    }

    /**
     * @param waterMeters how many water meters were ranked; {@code meters} holds the first {@code limit} of them
     * @param suspected   how many of them are suspected
     */
    public record Night(String site, LocalDate night, Instant from, Instant to, int waterMeters, int suspected, List<Meter> meters) {
    }

    private static final BigDecimal LITRES = BigDecimal.valueOf(1000);

    private final RollupStore store;
    private final Function<String, Optional<MeterTree>> trees;

    public NightFlow(RollupStore store, Function<String, Optional<MeterTree>> trees) {
        this.store = store;
        this.trees = trees;
    }

    /** The night that ends at 05:00 on {@code night}, local time: its likeliest leaks, at most {@code limit}. */
    public Night of(String site, ZoneId zone, LocalDate night, String building, int limit) {
        Instant from = night.atStartOfDay(zone).toInstant();
        Instant to = night.atTime(NIGHT_ENDS).atZone(zone).toInstant();
        Instant dayFrom = to.minus(Duration.ofHours(24));
        List<MeterTree.Meter> water = trees.apply(site).map(t -> t.meters().stream()
                .filter(m -> m.medium() == BillingMeaning.WATER || m.medium() == BillingMeaning.HOT_WATER)
                .filter(m -> building == null || building.equals(m.building())).toList()).orElse(List.of());
        Map<String, RollupStore.NightSummary> nights = new HashMap<>();
        store.nights(site, water.stream().map(MeterTree.Meter::device).toList(), dayFrom, from, to).forEach(n -> nights.put(n.device(), n));
        int windowHours = (int) Duration.between(from, to).toHours();
        List<Meter> out = new ArrayList<>();
        for (MeterTree.Meter m : water) {
            RollupStore.NightSummary n = nights.getOrDefault(m.device(), new RollupStore.NightSummary(m.device(), 0, 0, null, BigDecimal.ZERO, 0, 0, false));
            BigDecimal min = n.nightHours() < windowHours ? null : n.minimum();
            boolean continuous = n.nightHours() == windowHours && n.flowingNightHours() == windowHours;
            boolean noZero = n.hours() == 24 && n.zeroHours() == 0;
            // an interpolated hour spreads a gap's use evenly, so every hour of a gap with any use "flows": with one in
            // the 24 hours, neither rule can tell
            boolean suspected = (continuous || noZero) && !n.estimated();
            out.add(new Meter(m.device(), m.serves(), m.building(), min == null ? null : litres(min), litres(n.nightVolume()), n.flowingNightHours(),
                    n.nightHours(), n.zeroHours(), n.hours(), continuous, noZero, suspected, n.estimated()));
        }
        out.sort(Comparator.comparing(Meter::suspected).reversed()
                .thenComparing(Meter::minimumLitresPerHour, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Meter::nightLitres, Comparator.reverseOrder()));
        int suspected = (int) out.stream().filter(Meter::suspected).count();
        return new Night(site, night, from, to, out.size(), suspected, List.copyOf(out.subList(0, Math.min(limit, out.size()))));
    }

    private static BigDecimal litres(BigDecimal cubicMetres) {
        return cubicMetres.multiply(LITRES).setScale(0, java.math.RoundingMode.HALF_UP);
    }
}
