package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.lintel.hub.energy.MeterTree;
import org.lintel.profile.BillingMeaning;
import org.lintel.site.PropertyUnit;
import org.lintel.site.Site;

/**
 * Metered use from the rollups, summed by meter, unit, floor, building, 分项 category or site, per hour, day or month
 * or over the whole period. A building's and the site's use is what their top meters measured (an incomer, not the
 * incomer plus the flats below it); categories count the meters at the bottom of the tree, and what the top meters
 * measured beyond them is shown as {@code unmetered} (common use not metered below, and losses).
 */
public final class EnergyUse {

    /** What the figures are summed by. */
    public enum By {
        METER, UNIT, FLOOR, BUILDING, CATEGORY, SITE
    }

    /** How finely the period is divided. */
    public enum Interval {
        HOUR, DAY, MONTH, TOTAL
    }

    /** Everything of one medium: electricity in kWh, water in m³; never added together. */
    public enum Medium {
        ELECTRICITY(BillingMeaning.ELECTRICITY), WATER(BillingMeaning.WATER), HOT_WATER(BillingMeaning.HOT_WATER), HEAT(BillingMeaning.HEAT),
        GAS(BillingMeaning.GAS);

        final BillingMeaning billing;

        Medium(BillingMeaning billing) {
            this.billing = billing;
        }
    }

    /** Key under which categories show what the top meters measured beyond the bottom ones. */
    public static final String UNMETERED = "unmetered";
    /** Key of bottom meters without a category. */
    public static final String UNCATEGORISED = "uncategorised";

    /**
     * One interval's use. {@code start} is an instant (hours), a local date (days) or a month ({@code 2026-11}).
     *
     * @param meters how many of the series' meters have a rollup in it; fewer than the series' meters means some did
     *               not report
     */
    public record Bucket(String start, BigDecimal usage, boolean estimated, int meters) {
    }

    /**
     * One line of the answer.
     *
     * @param meters         how many meters it sums
     * @param area           the unit's floor area in m² (units only)
     * @param perSquareMetre the period's use per m² of floor area, three decimals half up (units only)
     */
    public record Series(String key, String building, Integer floor, int meters, BigDecimal total, boolean estimated,
                         BigDecimal area, BigDecimal perSquareMetre, List<Bucket> buckets, Virtual virtual) {

        Series(String key, String building, Integer floor, int meters, BigDecimal total, boolean estimated, BigDecimal area, BigDecimal perSquareMetre,
               List<Bucket> buckets) {
            this(key, building, floor, meters, total, estimated, area, perSquareMetre, buckets, null);
        }
    }

    /** What a virtual meter's series is made of (by meter only): its name and Σ plus − Σ minus. */
    public record Virtual(org.lintel.i18n.Label name, List<String> plus, List<String> minus) {
    }

    public record Answer(String site, String medium, String unit, String by, String interval, String from, String to, List<Series> series) {
    }

    private final RollupStore store;
    private final Function<String, Optional<MeterTree>> trees;
    private final Function<String, Optional<Site>> sites;

    public EnergyUse(RollupStore store, Function<String, Optional<MeterTree>> trees, Function<String, Optional<Site>> sites) {
        this.store = store;
        this.trees = trees;
        this.sites = sites;
    }

    /**
     * The use over [from, to). For days, months and the whole period, both must be local midnights.
     *
     * @param building only this building's meters, or null for the whole site
     */
    public Answer use(String site, ZoneId zone, Medium medium, By by, Interval interval, Instant from, Instant to, String building) {
        MeterTree tree = trees.apply(site).orElse(null);
        List<MeterTree.Meter> meters = tree == null ? List.of() : tree.meters().stream()
                .filter(m -> m.medium() == medium.billing && (building == null || building.equals(m.building()))).toList();
        String unit = meters.stream().map(MeterTree.Meter::unit).filter(u -> u != null).findFirst().orElse(null);
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        for (MeterTree.Meter m : meters) {
            for (String key : keys(tree, m, by, site)) {
                groups.computeIfAbsent(key, k -> new Group(k, by == By.FLOOR || by == By.UNIT || by == By.METER ? m.building() : by == By.BUILDING ? key : null,
                        by == By.FLOOR || by == By.UNIT ? m.floor() : null)).meters++;
                groupOf.put(m.device(), key);
            }
        }
        RollupStore.Buckets buckets = RollupStore.Buckets.valueOf(interval.name());
        Map<String, List<RollupStore.Sum>> sums = new LinkedHashMap<>();
        store.sums(site, groupOf, buckets, from, to, zone).forEach(x -> sums.computeIfAbsent(x.key(), k -> new ArrayList<>()).add(x));
        Map<String, BigDecimal> areas = by == By.UNIT ? areas(site) : Map.of();
        List<Series> out = new ArrayList<>();
        for (Group g : groups.values()) {
            out.add(series(g.key, g.building, g.floor, g.meters, sums.getOrDefault(g.key, List.of()), interval, areas.get(g.key)));
        }
        if (by == By.METER && tree != null) {
            out.addAll(virtualMeters(site, tree, medium, building, buckets, from, to, zone, interval));
        }
        if (by == By.CATEGORY && tree != null) {
            unmetered(site, tree, meters, buckets, from, to, zone, interval).ifPresent(out::add);
        }
        if (interval == Interval.TOTAL || by == By.UNIT) {
            out.sort(Comparator.comparing(Series::total).reversed());
        }
        return new Answer(site, medium.name().toLowerCase(Locale.ROOT).replace('_', '-'), unit, by.name().toLowerCase(Locale.ROOT),
                interval.name().toLowerCase(Locale.ROOT), from.toString(), to.toString(), out);
    }

    /**
     * Each virtual meter of the medium (in the building, if one is asked for): bucket by bucket, the sum of its plus
     * members' use less its minus members'; estimated where any member's is. A bucket none of its members has is left
     * out, as a meter's would be.
     */
    private List<Series> virtualMeters(String site, MeterTree tree, Medium medium, String building, RollupStore.Buckets buckets, Instant from,
                                       Instant to, ZoneId zone, Interval interval) {
        List<MeterTree.Virtual> virtuals = tree.virtualMeters().stream()
                .filter(v -> v.medium() == medium.billing && (building == null || building.equals(v.building()))).toList();
        if (virtuals.isEmpty()) {
            return List.of();
        }
        Map<String, String> members = new LinkedHashMap<>();
        virtuals.forEach(v -> {
            v.plus().forEach(m -> members.put(m, m));
            v.minus().forEach(m -> members.put(m, m));
        });
        Map<String, Map<String, RollupStore.Sum>> byMember = new LinkedHashMap<>();
        store.sums(site, members, buckets, from, to, zone).forEach(x -> byMember.computeIfAbsent(x.key(), k -> new LinkedHashMap<>()).put(String.valueOf(x.bucket()), x));
        List<Series> out = new ArrayList<>();
        for (MeterTree.Virtual v : virtuals) {
            java.util.TreeMap<String, RollupStore.Sum> combined = new java.util.TreeMap<>();
            for (String m : v.plus()) {
                byMember.getOrDefault(m, Map.of()).forEach((bucket, x) -> combined.merge(bucket, x, EnergyUse::plus));
            }
            for (String m : v.minus()) {
                byMember.getOrDefault(m, Map.of()).forEach((bucket, x) -> combined.merge(bucket,
                        new RollupStore.Sum(x.key(), x.bucket(), x.usage().negate(), x.estimated(), x.meters()), EnergyUse::plus));
            }
            Series s = series(v.id(), v.building(), null, v.plus().size() + v.minus().size(), List.copyOf(combined.values()), interval, null);
            out.add(new Series(s.key(), s.building(), s.floor(), s.meters(), s.total(), s.estimated(), null, null, s.buckets(),
                    new Virtual(v.name(), v.plus(), v.minus())));
        }
        return out;
    }

    private static RollupStore.Sum plus(RollupStore.Sum a, RollupStore.Sum b) {
        return new RollupStore.Sum(a.key(), a.bucket() != null ? a.bucket() : b.bucket(), a.usage().add(b.usage()), a.estimated() || b.estimated(),
                a.meters() + b.meters());
    }

    public boolean hasBuilding(String site, String building) {
        return sites.apply(site).map(s -> s.buildings().stream().anyMatch(b -> b.id().equals(building))).orElse(false);
    }

    private static final class Group {
        final String key;
        final String building;
        final Integer floor;
        int meters;

        Group(String key, String building, Integer floor) {
            this.key = key;
            this.building = building;
            this.floor = floor;
        }
    }

    private static List<String> keys(MeterTree tree, MeterTree.Meter m, By by, String site) {
        return switch (by) {
            case METER -> List.of(m.device());
            case UNIT -> isUnitMeter(m) ? List.of(m.serves()) : List.of();
            case FLOOR -> isUnitMeter(m) && m.building() != null && m.floor() != null ? List.of(m.building() + "/" + m.floor()) : List.of();
            case BUILDING -> tree.isRoot(m) && m.building() != null ? List.of(m.building()) : List.of();
            case CATEGORY -> tree.isLeaf(m) ? List.of(m.category() == null ? UNCATEGORISED : m.category().word()) : List.of();
            case SITE -> tree.isRoot(m) ? List.of(site) : List.of();
        };
    }

    private static boolean isUnitMeter(MeterTree.Meter m) {
        return m.serves() != null && m.floor() != null;
    }

    private Map<String, BigDecimal> areas(String site) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        sites.apply(site).ifPresent(s -> s.units().filter(u -> u.area() != null).forEach((PropertyUnit u) -> out.put(u.id(), u.area())));
        return out;
    }

    private static Series series(String key, String building, Integer floor, int meters, List<RollupStore.Sum> sums, Interval interval, BigDecimal area) {
        BigDecimal total = BigDecimal.ZERO.setScale(3);
        boolean estimated = false;
        List<Bucket> buckets = new ArrayList<>();
        for (RollupStore.Sum x : sums) {
            total = total.add(x.usage());
            estimated |= x.estimated();
            buckets.add(new Bucket(x.bucket(), x.usage(), x.estimated(), x.meters()));
        }
        BigDecimal perArea = area == null || area.signum() == 0 ? null : total.divide(area, 3, RoundingMode.HALF_UP);
        return new Series(key, building, floor, meters, total, estimated, area, perArea, interval == Interval.TOTAL ? List.of() : buckets);
    }

    /** Σ top meters − Σ bottom meters of the scope, bucket by bucket (a meter that is both counts in neither). */
    private Optional<Series> unmetered(String site, MeterTree tree, List<MeterTree.Meter> meters, RollupStore.Buckets buckets, Instant from, Instant to,
                                       ZoneId zone, Interval interval) {
        Map<String, String> sign = new LinkedHashMap<>();
        int roots = 0;
        for (MeterTree.Meter m : meters) {
            boolean root = tree.isRoot(m);
            boolean leaf = tree.isLeaf(m);
            if (root != leaf) {
                sign.put(m.device(), root ? "+" : "-");
                roots += root ? 1 : 0;
            }
        }
        if (roots == 0) {
            return Optional.empty();
        }
        TreeMap<String, RollupStore.Sum> net = new TreeMap<>();
        for (RollupStore.Sum x : store.sums(site, sign, buckets, from, to, zone)) {
            boolean plus = x.key().equals("+");
            RollupStore.Sum signed = new RollupStore.Sum(UNMETERED, x.bucket(), plus ? x.usage() : x.usage().negate(), x.estimated(), plus ? x.meters() : 0);
            net.merge(x.bucket(), signed, (a, b) -> new RollupStore.Sum(UNMETERED, a.bucket(), a.usage().add(b.usage()), a.estimated() || b.estimated(),
                    a.meters() + b.meters()));
        }
        return Optional.of(series(UNMETERED, null, null, roots, List.copyOf(net.values()), interval, null));
    }
}
