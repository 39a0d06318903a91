package org.lintel.hub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;

/**
 * Metered usage of a target: a unit, common area or building over every meter that served it (meter assignments),
 * or one meter on its own. What billing and energy read, instead of the time series.
 */
public final class MeterUsage {

    private final RegistryStore registry;
    private final Supplier<SiteDirectory> directory;
    private final Function<String, Optional<DeviceProfile>> profiles;
    private final ConsumptionCalculator calculator;

    public MeterUsage(RegistryStore registry, Supplier<SiteDirectory> directory, Function<String, Optional<DeviceProfile>> profiles, ConsumptionCalculator calculator) {
        this.registry = registry;
        this.directory = directory;
        this.profiles = profiles;
        this.calculator = calculator;
    }

    /**
     * The consumption of counter {@code point} between two instants.
     *
     * @throws UsageRequestException if the target or point do not name a counter of a meter of the site
     * @throws NoReadingsException if a meter has no good readings near a boundary
     */
    public Consumption consumption(String site, String target, String point, Instant from, Instant to) {
        Counter c = counter(site, target, point);
        return calculator.calculate(site, target, point, c.unit(), c.rollover(), c.assignments(), from, to);
    }

    /**
     * The consumption over each stretch between consecutive {@code boundaries}: a time-of-use bill's bands, with each
     * meter's readings over the whole span read once.
     */
    public List<Consumption> consumptions(String site, String target, String point, List<Instant> boundaries) {
        Counter c = counter(site, target, point);
        return calculator.calculateEach(site, target, point, c.unit(), c.rollover(), c.assignments(), boundaries);
    }

    /**
     * Usage for many targets of one site over the same instants, each boundary read for every meter of the site at
     * once: one per bill run, dropped after it (it keeps what it read).
     */
    public MeterUsage batched() {
        return new MeterUsage(registry, directory, profiles, calculator.batched());
    }

    private record Counter(List<MeterAssignment> assignments, String unit, BigDecimal rollover) {
    }

    private Counter counter(String site, String target, String point) {
        SiteDirectory dir = directory.get();
        List<MeterAssignment> assignments = registry.assignments(site, target).stream()
                .filter(a -> dir.device(site, a.device()).map(d -> profile(d).point(point).isPresent()).orElse(false))
                .toList();
        if (assignments.isEmpty()) {
            SiteDirectory.DeviceEntry meter = dir.device(site, target).orElseThrow(() -> new UsageRequestException("target", "parameter 'target': '"
                    + target + "' is neither a device nor a unit, common area or building with a meter that has point '" + point + "'"));
            // a single meter's own consumption: one open-ended assignment from the beginning of time
            assignments = List.of(new MeterAssignment(0, site, meter.id(), "device", meter.id(), Instant.EPOCH, null, null, null, null));
        }
        SiteDirectory.DeviceEntry first = dir.device(site, assignments.get(0).device()).orElseThrow();
        Point p = profile(first).point(point).orElseThrow(() -> new UsageRequestException("point", "parameter 'point': device " + first.id()
                + " (profile " + first.profile() + ") has no point '" + point + "'"));
        if (p.kind() != PointKind.COUNTER) {
            throw new UsageRequestException("point", "parameter 'point': '" + point + "' is a " + p.kind().name().toLowerCase()
                    + ", not a counter; consumption is defined for counters such as energy.import.total");
        }
        BigDecimal rollover = p.canonicalRollover().orElse(null);
        String unit = p.canonicalUnit().map(u -> u.id()).orElse(null);
        return new Counter(assignments, unit, rollover);
    }

    private DeviceProfile profile(SiteDirectory.DeviceEntry d) {
        return profiles.apply(d.profile()).orElseThrow(() -> new IllegalStateException("profile '" + d.profile()
                + "' of device " + d.id() + " is not in the hub's library"));
    }
}
