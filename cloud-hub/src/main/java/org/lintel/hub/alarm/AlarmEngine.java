package org.lintel.hub.alarm;

import org.lintel.hub.core.EventBus;
import org.lintel.hub.telemetry.TelemetryEvent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the profiles' alarm conditions on every stored reading and on the hub's clock, and drives each alarm's
 * ISA-18.2 lifecycle. Each device has exactly one writer: all its work runs on one of a few single-threaded stripes,
 * chosen by the device, so two messages about one device can never open two alarms (and the database's unique index
 * would refuse it if they did). Communication loss is an alarm too: a device whose DDEATH arrives, or a gateway whose
 * NDEATH arrives, in which case only the gateway's alarm is raised, not one per device behind it.
 */
public final class AlarmEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    static final String COMMUNICATION_LOST = "communication-lost";
    private static final AlarmCondition COMM_LOSS = new AlarmCondition(COMMUNICATION_LOST,
            Label.of("Communication lost", "通讯中断"), "status", AlarmCondition.Test.EQUALS, List.of("offline"), null, null, null, null,
            AlarmPriority.MAJOR, false, null);
    /**
     * A device's communication loss waits a few seconds: a gateway going down often reports its devices dead just
     * before it dies itself, and then only the gateway's alarm should be raised.
     */
    static final Duration DEVICE_DEATH_GRACE = Duration.ofSeconds(5);
    private static final AlarmCondition DEVICE_COMM_LOSS = new AlarmCondition(COMMUNICATION_LOST, COMM_LOSS.label(), "status",
            AlarmCondition.Test.EQUALS, List.of("offline"), null, null, DEVICE_DEATH_GRACE, null, AlarmPriority.MAJOR, false, null);

    static final String NO_DATA = "no-data";
    private static final AlarmCondition SILENT = new AlarmCondition(NO_DATA, Label.of("No data", "无数据"), "last reading",
            AlarmCondition.Test.EQUALS, List.of("silent"), null, null, null, null, AlarmPriority.MINOR, false, null);

    /** One alarm type of one device: its debounced condition, its lifecycle and the stored instance, if open. */
    private static final class Slot {
        final AlarmCondition rule;
        ConditionTracker tracker;
        AlarmLifecycle life;
        Long alarmId;

        Slot(AlarmCondition rule, boolean active) {
            this.rule = rule;
            this.tracker = new ConditionTracker(trackerRule(rule), active);
            this.life = new AlarmLifecycle(rule.latch());
        }

        /** Keeps an open alarm's lifecycle across a change of its rule (a site file re-imported). */
        Slot carry(Slot old) {
            tracker = new ConditionTracker(trackerRule(rule), old.tracker.active());
            life = old.life;
            alarmId = old.alarmId;
            return this;
        }

        /** For no-data, the on-delay is the silence that raises it (the clock judges it), not a debounce on top. */
        private static AlarmCondition trackerRule(AlarmCondition rule) {
            return rule.type().equals(NO_DATA) ? new AlarmCondition(rule.type(), rule.label(), rule.point(), rule.test(), rule.values(), null, null,
                    null, null, rule.priority(), rule.latch(), rule.where()) : rule;
        }
    }

    private final AlarmStore store;
    private final Supplier<SiteDirectory> directory;
    private final ProfileLibrary profiles;
    private final EventBus events;
    private final Clock clock;
    private final ExecutorService[] stripes;
    private final List<Map<String, Map<String, Slot>>> slots = new ArrayList<>();
    /** Per stripe: the counter checks of each metering device. */
    private final List<Map<String, CounterWatch>> counters = new ArrayList<>();
    /** Per stripe: when each born device last sent a good reading (absent: not born, or dead). */
    private final List<Map<String, Instant>> lastSeen = new ArrayList<>();
    private volatile Duration noDataAfter = Duration.ofMinutes(30);
    private volatile org.lintel.hub.telemetry.timeseries.TimeSeriesStore history;
    private final Map<String, Boolean> deadGateways = new java.util.concurrent.ConcurrentHashMap<>();
    /** Devices out of service (site/device → until, or EPOCH for open-ended), and devices in maintenance mode. */
    private final Map<String, Instant> outOfService = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Boolean> maintenance = new java.util.concurrent.ConcurrentHashMap<>();
    static final String MAINTENANCE_POINT = "maintenance.mode";
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "alarm-clock"));

    public AlarmEngine(AlarmStore store, Supplier<SiteDirectory> directory, ProfileLibrary profiles, EventBus events, Clock clock,
                       int stripeCount) {
        this.store = store;
        this.directory = directory;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
        this.stripes = new ExecutorService[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            int n = i;
            stripes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, "alarm-" + n));
            slots.add(new HashMap<>());
            counters.add(new HashMap<>());
            lastSeen.add(new HashMap<>());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A born device that sends no good reading for this long raises a no-data alarm (default 30 minutes). */
    public void noDataAfter(Duration d) {
        this.noDataAfter = d;
    }

    /** Restores open alarms (state survives a restart) and starts the clock that applies delays without new readings. */
    public void start() {
        List<Alarm> open = store.open();
        for (Alarm a : open) {
            on(a.site(), a.device(), () -> {
                Slot s = slot(a.site(), a.device(), a.type()).orElse(null);
                if (s != null) {
                    s.life = new AlarmLifecycle(a.latching(), a.state(), a.conditionActive(), a.occurrences());
                    s.alarmId = a.id();
                    s.tracker = new ConditionTracker(s.rule, a.conditionActive());
                }
            });
        }
        store.outOfService().forEach((k, until) -> outOfService.put(k, until == null ? Instant.EPOCH : until));
        ticker.scheduleAtFixedRate(this::tickAll, 1, 1, TimeUnit.SECONDS);
        LOG.info("event=alarm-engine-started stripes={} restored={}", stripes.length, open.size());
    }

    private int stripe(String site, String device) {
        return Math.floorMod((site + "/" + device).hashCode(), stripes.length);
    }

    private Future<?> on(String site, String device, Runnable work) {
        int i = stripe(site, device);
        return stripes[i].submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("event=alarm-evaluation-failed site={} device={} reason=\"{}\"", site, device, e.toString());
            }
        });
    }

    private Map<String, Slot> slots(String site, String device) {
        return slots.get(stripe(site, device)).computeIfAbsent(site + "/" + device, k -> build(site, device, Map.of()));
    }

    /** The slots of a device under its current rules, carrying over the open alarms of {@code old}. */
    private Map<String, Slot> build(String site, String device, Map<String, Slot> old) {
        SiteDirectory dir = directory.get();
        Optional<SiteDirectory.DeviceEntry> entry = dir.device(site, device);
        String building = dir.buildingOf(site, device);
        DeviceProfile profile = entry.flatMap(d -> profiles.find(d.profile())).orElse(null);
        List<org.lintel.site.AlarmRule> siteRules = dir.site(site).map(SiteDirectory.SiteEntry::alarmRules).orElse(List.of());
        RuleBook.DeviceRules rules = RuleBook.forDevice(device, building, profile, siteRules,
                List.of(entry.isPresent() ? DEVICE_COMM_LOSS : COMM_LOSS, SILENT));
        Map<String, Slot> m = new HashMap<>();
        List<StoredPoint> latest = old.isEmpty() ? latest(site, device) : List.of();
        rules.conditions().forEach((type, rule) -> {
            Slot fresh = new Slot(rule, false);
            Slot before = old.get(type);
            m.put(type, before == null ? fresh : fresh.carry(before));
            if (before == null && !RuleBook.COUNTER_TYPES.contains(type)) {
                latest.stream().filter(p -> p.point().equals(rule.point()) && p.isGood()).findFirst()
                        .ifPresent(p -> fresh.tracker.seed(p.number(), p.text(), p.time()));
            }
        });
        old.forEach((type, before) -> {
            if (!m.containsKey(type) && before.alarmId != null) {
                m.put(type, before); // its rule was turned off, but the open alarm still needs acknowledging
            }
        });
        String key = site + "/" + device;
        Map<String, CounterWatch> watches = counters.get(stripe(site, device));
        CounterWatch watch = watches.get(key);
        if (rules.counter().isEmpty()) {
            watches.remove(key);
        } else if (watch == null || !watch.settings().equals(rules.counter().get())) {
            ZoneId zone = dir.site(site).map(s -> ZoneId.of(s.timeZone())).orElse(ZoneId.of("Asia/Shanghai"));
            CounterWatch fresh = new CounterWatch(rules.counter().get(), zone);
            replay(site, device, fresh);
            watches.put(key, fresh);
        }
        return m;
    }

    /**
     * Reads the counter's recent history into a new watch, so that a flow that began before a hub restart still counts
     * (the watch's verdicts on the past are dropped: alarms open then were restored from the database).
     */
    private void replay(String site, String device, CounterWatch watch) {
        if (history == null) {
            return;
        }
        CounterWatch.Settings c = watch.settings();
        try {
            history.lastGoodAtOrBefore(site, device, c.point(), clock.instant()).ifPresent(last -> {
                Instant from = last.time().minus(c.flowFor()).minus(c.window());
                for (StoredPoint p : history.history(site, device, c.point(), from, last.time().plusMillis(1), 100_000)) {
                    if (p.isGood() && p.number() != null) {
                        watch.reading(BigDecimal.valueOf(p.number()), p.time());
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("event=counter-history-unavailable site={} device={} reason=\"{}\"", site, device, e.toString());
        }
    }

    /** The device's latest stored values, to seed its rules when the engine first meets it after a start. */
    private List<StoredPoint> latest(String site, String device) {
        if (history == null) {
            return List.of();
        }
        try {
            return history.latest(site, device);
        } catch (RuntimeException e) {
            LOG.warn("event=latest-values-unavailable site={} device={} reason=\"{}\"", site, device, e.toString());
            return List.of();
        }
    }

    /**
     * Where the engine reads what a device said before the engine met it (after a restart): its latest values seed its
     * rules' pending delays, and a counter's recent history its flow.
     */
    public void history(org.lintel.hub.telemetry.timeseries.TimeSeriesStore store) {
        this.history = store;
    }

    /** The site files changed (an import): every device's rules are worked out again; open alarms stay as they are. */
    public void rulesChanged() {
        for (int i = 0; i < stripes.length; i++) {
            Map<String, Map<String, Slot>> mine = slots.get(i);
            stripes[i].submit(() -> mine.replaceAll((key, old) -> {
                int cut = key.indexOf('/');
                return build(key.substring(0, cut), key.substring(cut + 1), old);
            }));
        }
    }

    /** Feeds a counter check's verdicts to its alarms. */
    private void verdicts(String site, String device, Map<String, String> verdicts, String value, Instant at) {
        Map<String, Slot> mine = slots(site, device);
        verdicts.forEach((type, verdict) -> {
            Slot s = mine.get(type);
            if (s != null) {
                s.tracker.value(null, verdict, at).ifPresent(active -> changed(site, device, s, active, value, at));
            }
        });
    }

    private Optional<Slot> slot(String site, String device, String type) {
        return Optional.ofNullable(slots(site, device).get(type));
    }

    /** What ingest reports: stored readings (after they are durable), births and deaths. */
    public void on(TelemetryEvent event) {
        if (event instanceof TelemetryEvent.ReadingsStored r) {
            readings(r.device().site(), r.device().device(), r.points());
        } else if (event instanceof TelemetryEvent.GatewayStatusChanged g) {
            gatewayStatus(g.gateway().site(), g.gateway().gateway(), g.online());
        } else if (event instanceof TelemetryEvent.DeviceStatusChanged d) {
            deviceStatus(d.device().site(), d.gateway().gateway(), d.device().device(), d.online());
        }
    }

    /** Stored readings of one device (called after they are durable). */
    public void readings(String site, String device, List<StoredPoint> points) {
        on(site, device, () -> {
            for (StoredPoint p : points) {
                if (p.point().equals(MAINTENANCE_POINT) && p.isGood() && p.number() != null) {
                    boolean was = Boolean.TRUE.equals(maintenance.put(site + "/" + device, p.number() != 0));
                    if (was && p.number() == 0) {
                        LOG.info("event=maintenance-ended site={} device={}", site, device);
                        reconsider(site, device, p.time());
                    }
                }
            }
            Map<String, Instant> seen = lastSeen.get(stripe(site, device));
            points.stream().filter(StoredPoint::isGood).map(StoredPoint::time).max(Instant::compareTo).ifPresent(latest -> {
                String key = site + "/" + device;
                Instant before = seen.get(key);
                if (before == null || latest.isAfter(before)) {
                    seen.put(key, latest);
                }
            });
            Map<String, Slot> mine = slots(site, device);
            CounterWatch watch = counters.get(stripe(site, device)).get(site + "/" + device);
            if (watch != null) {
                points.stream().filter(p -> p.point().equals(watch.settings().point()) && p.isGood() && p.number() != null)
                        .sorted(java.util.Comparator.comparing(StoredPoint::time))
                        .forEach(p -> verdicts(site, device, watch.reading(BigDecimal.valueOf(p.number()), p.time()), p.number().toString(), p.time()));
            }
            for (Slot s : mine.values()) {
                if (RuleBook.COUNTER_TYPES.contains(s.rule.type())) {
                    continue; // judged by the counter watch above, not by comparing the value
                }
                for (StoredPoint p : points) {
                    if (p.point().equals(s.rule.point()) && p.isGood()) {
                        String value = p.text() != null ? p.text() : p.number() == null ? null : p.number().toString();
                        s.tracker.value(p.number(), p.text(), p.time()).ifPresent(active -> changed(site, device, s, active, value, p.time()));
                    }
                }
            }
        });
    }

    private boolean behind(String site, String gateway, String key) {
        return key.startsWith(site + "/") && directory.get().device(site, key.substring(site.length() + 1))
                .map(d -> gateway.equals(d.gateway())).orElse(false);
    }

    /** A device was born (online) or died (offline). */
    public void deviceStatus(String site, String gateway, String device, boolean online) {
        if (!online && Boolean.TRUE.equals(deadGateways.get(site + "/" + gateway))) {
            return; // the gateway's own alarm covers its devices
        }
        on(site, device, () -> status(site, device, online, true));
    }

    /** A gateway was born or died: one alarm for the gateway, whatever the number of devices behind it. */
    public void gatewayStatus(String site, String gateway, boolean online) {
        deadGateways.put(site + "/" + gateway, !online);
        if (!online) {
            // its devices are silent because the gateway is: its own alarm covers them, so stop watching them
            for (int i = 0; i < stripes.length; i++) {
                Map<String, Instant> seen = lastSeen.get(i);
                Map<String, Map<String, Slot>> mine = slots.get(i);
                stripes[i].submit(() -> {
                    seen.keySet().removeIf(key -> behind(site, gateway, key));
                    // a device death still within its grace is covered by the gateway's alarm: forget it
                    mine.forEach((key, slotsOfDevice) -> {
                        Slot comm = slotsOfDevice.get(COMMUNICATION_LOST);
                        if (comm != null && comm.alarmId == null && behind(site, gateway, key)) {
                            comm.tracker = new ConditionTracker(comm.rule, false);
                        }
                    });
                });
            }
        }
        on(site, gateway, () -> status(site, gateway, online, false));
    }

    private void status(String site, String id, boolean online, boolean sendsReadings) {
        Slot s = slot(site, id, COMMUNICATION_LOST).orElseThrow();
        Instant now = clock.instant();
        // a born device is watched for silence from its birth; a dead one is covered by communication loss
        if (online && sendsReadings) {
            lastSeen.get(stripe(site, id)).putIfAbsent(site + "/" + id, now);
        } else {
            lastSeen.get(stripe(site, id)).remove(site + "/" + id);
        }
        s.tracker.value(null, online ? "online" : "offline", now).ifPresent(active -> changed(site, id, s, active, online ? "online" : "offline", now));
    }

    private void tickAll() {
        Instant now = clock.instant();
        for (int i = 0; i < stripes.length; i++) {
            Map<String, Map<String, Slot>> mine = slots.get(i);
            Map<String, Instant> seen = lastSeen.get(i);
            Map<String, CounterWatch> watches = counters.get(i);
            stripes[i].submit(() -> mine.forEach((key, slotsOfDevice) -> {
                String site = key.substring(0, key.indexOf('/'));
                String device = key.substring(key.indexOf('/') + 1);
                Instant last = seen.get(key);
                CounterWatch watch = watches.get(key);
                if (watch != null) {
                    verdicts(site, device, watch.tick(now), "flow paused", now);
                }
                Slot silent = slotsOfDevice.get(NO_DATA);
                if (silent != null) {
                    Duration silence = silent.rule.onDelay() == null || silent.rule.onDelay().isZero() ? noDataAfter : silent.rule.onDelay();
                    boolean quiet = last != null && last.plus(silence).isBefore(now);
                    if (quiet || silent.tracker.active()) {
                        silent.tracker.value(null, quiet ? "silent" : "fresh", now)
                                .ifPresent(active -> changed(site, device, silent, active, quiet ? "nothing since " + last : "readings again", now));
                    }
                }
                for (Slot s : slotsOfDevice.values()) {
                    s.tracker.tick(now).ifPresent(active -> changed(site, device, s, active, null, now));
                }
            }));
        }
    }

    /**
     * Whether a new activation of this rule is suppressed now: the device is out of service, or in maintenance mode
     * (a lift under inspection), which suppresses everything but life-safety alarms.
     */
    private boolean suppressed(String site, String device, Slot s, Instant at) {
        Instant until = outOfService.get(site + "/" + device);
        if (until != null && (until.equals(Instant.EPOCH) || until.isAfter(at))) {
            return true;
        }
        return Boolean.TRUE.equals(maintenance.get(site + "/" + device)) && s.rule.priority() != AlarmPriority.LIFE_SAFETY
                && !s.rule.type().equals(COMMUNICATION_LOST);
    }

    /** After suppression ends, conditions that are still active raise their alarms now. */
    private void reconsider(String site, String device, Instant at) {
        for (Slot s : slots(site, device).values()) {
            if (s.tracker.active() && s.alarmId == null) {
                changed(site, device, s, true, "still active after suppression ended", at);
            }
        }
    }

    /** Takes a device out of service (no new alarms) until {@code until}, or until it is returned when null. */
    public void outOfService(String site, String device, Instant until, String by, String reason) {
        store.outOfService(site, device, clock.instant(), until, by, reason);
        outOfService.put(site + "/" + device, until == null ? Instant.EPOCH : until);
        LOG.info("event=out-of-service site={} device={} until={} by={}", site, device, until == null ? "returned" : until, by);
    }

    public void backInService(String site, String device, String by) {
        store.backInService(site, device);
        outOfService.remove(site + "/" + device);
        LOG.info("event=back-in-service site={} device={} by={}", site, device, by);
        on(site, device, () -> reconsider(site, device, clock.instant()));
    }

    private void changed(String site, String device, Slot s, boolean active, String value, Instant at) {
        String why = s.rule.point() + (value == null ? "" : " = " + value) + (active ? "" : " (cleared)");
        if (active && s.alarmId == null && suppressed(site, device, s, at)) {
            LOG.info("event=alarm-suppressed site={} device={} type={} reason={}", site, device, s.rule.type(),
                    outOfService.containsKey(site + "/" + device) ? "out-of-service" : "maintenance-mode");
            return;
        }
        Optional<Transition> t = active ? s.life.activate(at, why) : s.life.clear(at, why);
        if (s.alarmId == null) {
            if (t.isEmpty()) {
                return;
            }
            Alarm opened = store.open(new Alarm(0, site, device, s.rule.type(), s.rule.point(), priority(s.rule), s.rule.latch(), s.life.state(),
                    s.life.conditionActive(), s.life.occurrences(), s.rule.label() == null ? null : s.rule.label().en(),
                    s.rule.label() == null ? null : s.rule.label().zh(), at, at, null, null, null, value), t.get());
            s.alarmId = opened.id();
            LOG.info("event=alarm-activated site={} device={} type={} priority={} alarm={}", site, device, s.rule.type(), opened.priority(), opened.id());
            events.publish(new AlarmTransitioned(opened, t.get()));
            return;
        }
        store.update(s.alarmId, s.life.state(), s.life.conditionActive(), s.life.occurrences(), value, t.orElse(null), at);
        if (t.isPresent()) {
            Alarm a = store.find(s.alarmId).orElseThrow();
            LOG.info("event=alarm-{} site={} device={} type={} alarm={}", t.get().to().id(), site, device, s.rule.type(), a.id());
            if (!a.shelvedAt(at) || "life-safety".equals(a.priority())) {
                events.publish(new AlarmTransitioned(a, t.get()));
            }
            if (s.life.state().isNormal()) {
                closeInstance(s);
            }
        }
    }

    private static void closeInstance(Slot s) {
        s.alarmId = null;
        s.life = new AlarmLifecycle(s.rule.latch());
    }

    private static String priority(AlarmCondition rule) {
        return rule.priority().name().toLowerCase().replace('_', '-');
    }

    /** The alarm as stored now. */
    public Alarm find(long id) {
        return store.find(id).orElseThrow(() -> new AlarmActionException("there is no alarm " + id));
    }

    /** A person acknowledges an alarm; runs on the device's writer and waits for it. */
    public Alarm acknowledge(long id, String by, String note) {
        return act(id, (s, now) -> s.life.acknowledge(now, by, note));
    }

    /** A person resets a latched alarm. */
    public Alarm reset(long id, String by, String note) {
        return act(id, (s, now) -> s.life.reset(now, by, note));
    }

    /** Hides an alarm from notifications until {@code until} (life-safety alarms are still notified). */
    public Alarm shelve(long id, Duration duration, String by, String why) {
        Alarm a = store.find(id).orElseThrow(() -> new AlarmActionException("there is no alarm " + id));
        if (a.state().isNormal()) {
            throw new AlarmActionException("alarm " + id + " is normal; only an open alarm can be shelved");
        }
        Instant now = clock.instant();
        store.shelve(id, now.plus(duration), by, why, now);
        return store.find(id).orElseThrow();
    }

    private interface Action {
        Transition apply(Slot s, Instant now);
    }

    private Alarm act(long id, Action action) {
        Alarm a = store.find(id).orElseThrow(() -> new AlarmActionException("there is no alarm " + id));
        Object[] result = new Object[1];
        Future<?> f = stripes[stripe(a.site(), a.device())].submit(() -> {
            try {
                Slot s = slot(a.site(), a.device(), a.type()).orElseThrow();
                if (s.alarmId == null || s.alarmId != id) {
                    throw new AlarmActionException("alarm " + id + " is " + a.state().id() + " and no longer open");
                }
                Instant now = clock.instant();
                Transition t = action.apply(s, now);
                store.update(id, s.life.state(), s.life.conditionActive(), s.life.occurrences(), null, t, now);
                LOG.info("event=alarm-{} site={} device={} type={} alarm={} by={}", t.to().id(), a.site(), a.device(), a.type(), id, t.by());
                if (s.life.state().isNormal()) {
                    closeInstance(s);
                }
                Alarm after = store.find(id).orElseThrow();
                // those told of the alarm learn who took it (and an acknowledgement stops its escalation)
                events.publish(new AlarmTransitioned(after, t));
                result[0] = after;
            } catch (RuntimeException e) {
                result[0] = e;
            }
        });
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the alarm engine did not answer: " + e);
        }
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        return (Alarm) result[0];
    }

    /** Waits until every stripe has done what was handed to it before this call (for tests and orderly shutdown). */
    public void drain() {
        for (ExecutorService s : stripes) {
            try {
                s.submit(() -> { }).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (ExecutorService s : stripes) {
            s.shutdown();
        }
    }
}
