package org.lintel.hub.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.site.Device;
import org.lintel.site.EnergyCategory;
import org.lintel.site.Site;

/**
 * A site's meter tree as its file declares it ({@code meter.submeterOf}, {@code meter.category}): which meter is
 * upstream of which, what each measures and its 分项 category. The site file's checks already refused unknown
 * upstream meters, loops and mixed media, so the tree is taken as given.
 */
public final class MeterTree {

    /**
     * One meter of the tree.
     *
     * @param counter  the counter point its usage is read from (electricity before water for a meter with both)
     * @param unit     the counter's canonical unit (kWh, m³)
     * @param rollover the counter's rollover limit in that unit, or null
     * @param building the building it is in, or null for a site-wide meter (the pump room's)
     * @param floor    the floor of the unit it serves, or null
     * @param serves   the unit, common area or building it serves, or null
     */
    public record Meter(String device, String submeterOf, EnergyCategory category, String counter, BillingMeaning medium, String unit,
                        java.math.BigDecimal rollover, String building, Integer floor, String serves) {
    }

    /**
     * A meter worked out from others (the site file's {@code virtualMeters}), with {@code of} resolved: its use is
     * Σ {@code plus} − Σ {@code minus} of the members' use.
     *
     * @param building the building all its members are in, or null
     */
    public record Virtual(String id, org.lintel.i18n.Label name, EnergyCategory category, BillingMeaning medium, String unit, String building,
                          List<String> plus, List<String> minus) {
    }

    private final Map<String, Meter> meters;
    private final Map<String, List<Meter>> children = new LinkedHashMap<>();
    private final List<Virtual> virtuals = new ArrayList<>();

    private MeterTree(Map<String, Meter> meters, List<org.lintel.site.VirtualMeter> declared) {
        this.meters = meters;
        for (Meter m : meters.values()) {
            if (m.submeterOf() != null && meters.containsKey(m.submeterOf())) {
                children.computeIfAbsent(m.submeterOf(), k -> new ArrayList<>()).add(m);
            }
        }
        for (org.lintel.site.VirtualMeter v : declared) {
            List<String> plus = v.of() != null ? List.of(v.of()) : v.plus();
            List<String> minus = v.of() != null ? subMetersOf(v.of()).stream().map(Meter::device).toList() : v.minus();
            List<Meter> members = java.util.stream.Stream.concat(plus.stream(), minus.stream()).map(meters::get).toList();
            if (members.isEmpty() || members.contains(null)) {
                continue; // a member that is not a meter: the site file's checks refuse it at import
            }
            java.util.Set<String> buildings = members.stream().map(m -> String.valueOf(m.building())).collect(java.util.stream.Collectors.toSet());
            virtuals.add(new Virtual(v.id(), v.name(), v.category(), members.get(0).medium(), members.get(0).unit(),
                    buildings.size() == 1 ? members.get(0).building() : null, List.copyOf(plus), List.copyOf(minus)));
        }
    }

    /** The site's virtual meters, in the site file's order. */
    public List<Virtual> virtualMeters() {
        return List.copyOf(virtuals);
    }

    public static MeterTree of(Site site, Function<String, Optional<DeviceProfile>> profiles) {
        Map<String, String> buildingOf = new java.util.HashMap<>();
        site.units().forEach(u -> buildingOf.put(u.id(), u.building()));
        site.allCommonAreas().filter(a -> a.building() != null).forEach(a -> buildingOf.put(a.id(), a.building()));
        Map<String, Meter> meters = new LinkedHashMap<>();
        for (Device d : site.devices()) {
            Optional<Point> counter = profiles.apply(d.profile()).flatMap(MeterTree::counter);
            if (counter.isEmpty()) {
                continue;
            }
            Device.Metering m = d.metering();
            Point c = counter.get();
            meters.put(d.id(), new Meter(d.id(), m == null ? null : m.submeterOf(), m == null ? null : m.category(), c.name(), c.billing(),
                    c.canonicalUnit().map(org.lintel.unit.Unit::symbol).orElse(null), c.canonicalRollover().orElse(null), building(buildingOf, d),
                    d.location() == null ? null : d.location().floor(), d.serves() == null ? null : d.serves().target()));
        }
        return new MeterTree(meters, site.virtualMeters());
    }

    /** Where the device says it is, else the building of what it serves (a site-wide common area has none). */
    private static String building(Map<String, String> buildingOf, Device d) {
        if (d.location() != null && d.location().building() != null) {
            return d.location().building();
        }
        Device.Serves s = d.serves();
        if (s == null) {
            return null;
        }
        return s.building() != null ? s.building() : buildingOf.get(s.target());
    }

    /** Every meter of the site, in the site file's order. */
    public java.util.Collection<Meter> meters() {
        return meters.values();
    }

    /** A meter with no meter upstream: what a building or the site took from the grid or the mains. */
    public boolean isRoot(Meter m) {
        return m.submeterOf() == null || !meters.containsKey(m.submeterOf());
    }

    /** A meter with no meters below it: where 分项 categories are counted. */
    public boolean isLeaf(Meter m) {
        return !children.containsKey(m.device());
    }

    private static Optional<Point> counter(DeviceProfile p) {
        List<Point> points = p.meterPoints();
        return points.stream().filter(x -> x.billing() == BillingMeaning.ELECTRICITY).findFirst()
                .or(() -> points.stream().filter(x -> x.billing() != null).findFirst());
    }

    public Optional<Meter> meter(String device) {
        return Optional.ofNullable(meters.get(device));
    }

    /** The meters that have sub-meters, in the site file's order. */
    public List<Meter> upstreamMeters() {
        return meters.values().stream().filter(m -> children.containsKey(m.device())).toList();
    }

    /** The meters directly below {@code device}, in the site file's order. */
    public List<Meter> subMetersOf(String device) {
        return children.getOrDefault(device, List.of());
    }
}
