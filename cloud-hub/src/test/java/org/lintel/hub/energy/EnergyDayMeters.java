package org.lintel.hub.energy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.app.Hub;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Behaviours;
import org.lintel.sim.behaviour.WaterMeter;
import org.lintel.site.Device;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * energy-day.yaml's meters as the simulators model them (flats, lifts, incomers measuring the meters below them plus
 * their wiring losses), with b2-0201's water meter leaking 30 L/h throughout: ground truth for any instant, and
 * readings of any stretch sent over Sparkplug as gateway gw-d1 would replay them.
 */
public final class EnergyDayMeters {

    public static final String SITE = "energy-day";
    public static final String LEAKING = "b2-0201-wm";

    public final Site site;
    private final Map<String, Behaviour> models;
    private final Map<String, Point> counters = new LinkedHashMap<>();

    private EnergyDayMeters(Site site, Map<String, Behaviour> models, Map<String, Point> counters) {
        this.site = site;
        this.models = models;
        this.counters.putAll(counters);
    }

    /** The models, simulated from {@code since} (ground truth is asked of instants after it). */
    public static EnergyDayMeters since(Instant since) {
        SiteLoader.Loaded loaded = SiteLoader.load(TestFolders.site("energy-day.yaml"));
        Site site = loaded.orThrow();
        Map<String, Behaviour> models = Behaviours.of(site, id -> loaded.profiles().find(id).orElseThrow(), 7, since);
        Map<String, Point> counters = new LinkedHashMap<>();
        for (Device d : site.devices()) {
            DeviceProfile p = loaded.profiles().find(d.profile()).orElseThrow();
            counters.put(d.id(), p.meterPoints().stream().filter(x -> x.billing() != null).findFirst().orElseThrow());
        }
        ((WaterMeter) models.get(LEAKING)).startLeak(since, 30);
        return new EnergyDayMeters(site, models, counters);
    }

    public Point counter(String device) {
        return counters.get(device);
    }

    /** What the meter's register said at {@code t}, as the hub keeps it (three decimals). */
    public BigDecimal register(String device, Instant t) {
        return models.get(device).trueTotal(counters.get(device), t).orElseThrow().setScale(3, RoundingMode.HALF_EVEN);
    }

    /** What a meter counted over [from, to); for a virtual meter, its members' counts added and subtracted. */
    public BigDecimal counted(String device, Instant from, Instant to) {
        java.util.Optional<org.lintel.site.VirtualMeter> virtual = site.virtualMeters().stream().filter(v -> v.id().equals(device)).findFirst();
        if (virtual.isPresent()) {
            org.lintel.site.VirtualMeter v = virtual.get();
            List<String> plus = v.of() != null ? List.of(v.of()) : v.plus();
            List<String> minus = v.of() != null ? site.devices().stream().filter(d -> d.metering() != null && v.of().equals(d.metering().submeterOf()))
                    .map(Device::id).toList() : v.minus();
            BigDecimal sum = BigDecimal.ZERO;
            for (String m : plus) {
                sum = sum.add(counted(m, from, to));
            }
            for (String m : minus) {
                sum = sum.subtract(counted(m, from, to));
            }
            return sum;
        }
        return register(device, to).subtract(register(device, from));
    }

    /** The site's meters and virtual meters: every key the use API answers by meter. */
    public List<String> meterKeys() {
        List<String> out = new ArrayList<>(site.devices().stream().map(Device::id).toList());
        site.virtualMeters().forEach(v -> out.add(v.id()));
        return out;
    }

    public BigDecimal counted(Predicate<Device> which, Instant from, Instant to) {
        return site.devices().stream().filter(which).map(d -> counted(d.id(), from, to)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public static boolean water(Device d) {
        return d.profile().equals("xintai-water-meter");
    }

    /**
     * Every meter's readings every {@code step} in [from, to), but those {@code skip} leaves out, in messages of 48
     * readings, as a gateway replays what it buffered; returns when the hub has acknowledged (stored) them all.
     */
    public void send(Hub hub, Instant from, Instant to, Duration step, BiPredicate<String, Instant> skip) throws Exception {
        send(hub.brokerUrl(), from, to, step, skip);
    }

    /** The same, to a hub running in its own process. */
    public void send(String brokerUrl, Instant from, Instant to, Duration step, BiPredicate<String, Instant> skip) throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(brokerUrl, SITE, "gw-d1", "gw-d1", "d1-secret")) {
            gw.nodeBirth();
            for (Device d : site.devices()) {
                Point p = counters.get(d.id());
                gw.deviceBirth(d.id(), new LinkedHashMap<>(Map.of(p.name(), p.canonicalUnit().orElseThrow().symbol())));
                List<Object[]> batch = new ArrayList<>();
                for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
                    if (skip.test(d.id(), t)) {
                        continue;
                    }
                    batch.add(new Object[] {p.name(), t, register(d.id(), t).doubleValue()});
                    if (batch.size() == 48) {
                        gw.data(d.id(), true, batch.toArray(Object[][]::new));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    gw.data(d.id(), true, batch.toArray(Object[][]::new));
                }
            }
        }
    }

    /** One reading of one meter at {@code at}. */
    public void sendOne(Hub hub, String device, Instant at) throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), SITE, "gw-d1", "gw-d1", "d1-secret")) {
            gw.nodeBirth();
            Point p = counters.get(device);
            gw.deviceBirth(device, new LinkedHashMap<>(Map.of(p.name(), p.canonicalUnit().orElseThrow().symbol())));
            gw.data(device, true, new Object[] {p.name(), at, register(device, at).doubleValue()});
        }
    }
}
