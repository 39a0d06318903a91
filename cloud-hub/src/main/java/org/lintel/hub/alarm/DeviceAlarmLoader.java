package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.DeviceProfile;
import org.lintel.site.AlarmRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up a device's alarms from its profile and site file ({@link RuleBook}), and brings them up to date with what the
 * device said before the engine met it: its latest values seed the rules' pending delays, a counter's recent history
 * its flow. A device the site files do not know (a gateway, or a device not yet imported) gets the built-in rules only.
 */
final class DeviceAlarmLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAlarmLoader.class);
    /** The most history read back into a new counter watch. */
    private static final int REPLAY_LIMIT = 100_000;

    private final Supplier<SiteDirectory> directory;
    private final Function<String, Optional<DeviceProfile>> profiles;
    private final Clock clock;
    private volatile TimeSeriesStore history;
    private volatile BiFunction<String, String, List<AlarmCondition>> derivedRules = (site, device) -> List.of();

    DeviceAlarmLoader(Supplier<SiteDirectory> directory, Function<String, Optional<DeviceProfile>> profiles, Clock clock) {
        this.directory = directory;
        this.profiles = profiles;
        this.clock = clock;
    }

    void history(TimeSeriesStore store) {
        this.history = store;
    }

    void derivedRules(BiFunction<String, String, List<AlarmCondition>> rules) {
        this.derivedRules = rules;
    }

    /** A device the engine meets for the first time since it started. */
    DeviceAlarms load(DeviceKey device) {
        DeviceAlarms alarms = new DeviceAlarms(device, Map.of(), null);
        update(alarms, true);
        return alarms;
    }

    /** The site files changed: the device's rules are worked out again; open alarms stay as they are. */
    void reload(DeviceAlarms alarms) {
        update(alarms, false);
    }

    private void update(DeviceAlarms alarms, boolean firstMeeting) {
        DeviceKey key = alarms.device;
        SiteDirectory dir = directory.get();
        Optional<SiteDirectory.DeviceEntry> entry = dir.device(key.site(), key.device());
        DeviceProfile profile = entry.flatMap(d -> profiles.apply(d.profile())).orElse(null);
        List<AlarmRule> siteRules = dir.site(key.site()).map(SiteDirectory.SiteEntry::alarmRules).orElse(List.of());
        List<AlarmCondition> builtIns = new ArrayList<>(List.of(entry.isPresent() ? BuiltInAlarms.DEVICE_COMM_LOSS : BuiltInAlarms.GATEWAY_COMM_LOSS,
                BuiltInAlarms.SILENT));
        if (entry.isPresent()) {
            builtIns.addAll(derived(key));
        }
        RuleBook.DeviceRules rules = RuleBook.forDevice(key.device(), dir.buildingOf(key.site(), key.device()), profile, siteRules, builtIns);

        Map<String, AlarmSlot> old = alarms.slots();
        Map<String, AlarmSlot> slots = new HashMap<>();
        List<StoredPoint> latest = firstMeeting ? latest(key) : List.of();
        rules.conditions().forEach((type, rule) -> {
            AlarmSlot fresh = new AlarmSlot(rule);
            AlarmSlot before = old.get(type);
            slots.put(type, before == null ? fresh : fresh.carry(before));
            if (before == null && !fresh.isCounterCheck()) {
                seed(fresh, rule, latest);
            }
        });
        old.forEach((type, before) -> {
            if (!slots.containsKey(type) && before.alarmId != null) {
                slots.put(type, before); // its rule was turned off, but the open alarm still needs acknowledging
            }
        });

        CounterWatch watch = alarms.counter();
        if (rules.counter().isEmpty()) {
            watch = null;
        } else if (watch == null || !watch.settings().equals(rules.counter().get())) {
            ZoneId zone = dir.site(key.site()).map(s -> ZoneId.of(s.timeZone())).orElse(ZoneId.of("Asia/Shanghai"));
            watch = new CounterWatch(rules.counter().get(), zone);
            replay(key, watch);
        }
        alarms.rules(slots, watch);
    }

    private List<AlarmCondition> derived(DeviceKey key) {
        try {
            return derivedRules.apply(key.site(), key.device());
        } catch (RuntimeException e) {
            LOG.warn("event=derived-rules-unavailable site={} device={} reason=\"{}\"", key.site(), key.device(), e.toString());
            return List.of();
        }
    }

    private static void seed(AlarmSlot slot, AlarmCondition rule, List<StoredPoint> latest) {
        latest.stream().filter(p -> p.point().equals(rule.point()) && p.isGood()).findFirst()
                .ifPresent(p -> slot.tracker.seed(p.number(), p.text(), p.time()));
    }

    /**
     * Reads the counter's recent history into a new watch, so that a flow that began before a hub restart still counts
     * (the watch's verdicts on the past are dropped: alarms open then were restored from the database).
     */
    private void replay(DeviceKey key, CounterWatch watch) {
        TimeSeriesStore store = history;
        if (store == null) {
            return;
        }
        CounterWatch.Settings c = watch.settings();
        try {
            store.lastGoodAtOrBefore(key.site(), key.device(), c.point(), clock.instant()).ifPresent(last -> {
                Instant from = last.time().minus(c.flowFor()).minus(c.window());
                for (StoredPoint p : store.history(key.site(), key.device(), c.point(), from, last.time().plusMillis(1), REPLAY_LIMIT)) {
                    if (p.isGood() && p.number() != null) {
                        watch.reading(BigDecimal.valueOf(p.number()), p.time());
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("event=counter-history-unavailable site={} device={} reason=\"{}\"", key.site(), key.device(), e.toString());
        }
    }

    private List<StoredPoint> latest(DeviceKey key) {
        TimeSeriesStore store = history;
        if (store == null) {
            return List.of();
        }
        try {
            return store.latest(key.site(), key.device());
        } catch (RuntimeException e) {
            LOG.warn("event=latest-values-unavailable site={} device={} reason=\"{}\"", key.site(), key.device(), e.toString());
            return List.of();
        }
    }
}
