package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.DeviceWriters;
import org.lintel.hub.core.EventBus;
import org.lintel.hub.core.GatewayKey;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.profile.AlarmCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the profiles' alarm conditions on every stored reading and on the hub's clock, and drives each alarm's
 * ISA-18.2 lifecycle. Each device has exactly one writer ({@link DeviceWriters}), so two messages about one device can
 * never open two alarms (and the database's unique index would refuse it if they did). A device's work runs in steps,
 * each its own class: its conditions judged ({@link DeviceAlarms}: silence, counter watch, condition), a new
 * activation checked against {@link Suppression}, the {@link AlarmLifecycle} moved, and the result stored and
 * published ({@link AlarmRecorder}). Communication loss is an alarm too: a device whose DDEATH arrives, or a gateway
 * whose NDEATH arrives, in which case only the gateway's alarm is raised, not one per device behind it.
 */
public final class AlarmEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final AlarmStore store;
    private final Supplier<SiteDirectory> directory;
    private final Clock clock;
    private final DeviceWriters writers;
    private final DeviceAlarmLoader loader;
    private final AlarmRecorder recorder;
    private final Suppression suppression = new Suppression();
    /** Per stripe of {@link #writers}: the alarms of each device that stripe owns. */
    private final List<Map<DeviceKey, DeviceAlarms>> devices = new ArrayList<>();
    private final Map<GatewayKey, Boolean> deadGateways = new ConcurrentHashMap<>();
    private volatile Function<DeviceKey, Duration> noDataAfter = device -> Duration.ofMinutes(30);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alarm-clock");
        t.setDaemon(true);
        return t;
    });

    public AlarmEngine(AlarmStore store, Supplier<SiteDirectory> directory, Function<String, Optional<org.lintel.profile.DeviceProfile>> profiles,
                       EventBus events, Clock clock,
                       int stripeCount) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.writers = new DeviceWriters("alarm", stripeCount);
        this.loader = new DeviceAlarmLoader(directory, profiles, clock);
        this.recorder = new AlarmRecorder(store, events);
        for (int i = 0; i < stripeCount; i++) {
            devices.add(new HashMap<>());
        }
    }

    /** A born device that sends no good reading for this long raises a no-data alarm (default 30 minutes). */
    public void noDataAfter(Duration d) {
        this.noDataAfter = device -> d;
    }

    /** Each device's silence that raises no-data, unless its rule sets an on-delay. */
    public void noDataAfter(Function<DeviceKey, Duration> perDevice) {
        this.noDataAfter = perDevice;
    }

    /**
     * Where the engine reads what a device said before the engine met it (after a restart): its latest values seed its
     * rules' pending delays, and a counter's recent history its flow.
     */
    public void history(TimeSeriesStore history) {
        loader.history(history);
    }

    /** Restores open alarms (state survives a restart) and starts the clock that applies delays without new readings. */
    public void start() {
        start(org.lintel.hub.core.SiteScope.ALL);
    }

    /** {@link #start()} for the sites this hub instance takes: other instances restore and tick their own alarms. */
    public void start(org.lintel.hub.core.SiteScope scope) {
        List<Alarm> open = store.open().stream().filter(a -> scope.owns(a.site())).toList();
        for (Alarm a : open) {
            DeviceKey key = new DeviceKey(a.site(), a.device());
            writers.submit(key, () -> Optional.ofNullable(device(key).slot(a.type())).ifPresent(s -> s.restore(a)));
        }
        store.outOfService().forEach(suppression::outOfService);
        ticker.scheduleAtFixedRate(this::tickAll, 1, 1, TimeUnit.SECONDS);
        LOG.info("event=alarm-engine-started stripes={} restored={}", writers.stripeCount(), open.size());
    }

    private DeviceAlarms device(DeviceKey key) {
        return devices.get(writers.stripeOf(key)).computeIfAbsent(key, loader::load);
    }

    /** The site files changed (an import): every device's rules are worked out again; open alarms stay as they are. */
    public void rulesChanged() {
        writers.onEachStripe(i -> devices.get(i).values().forEach(loader::reload));
    }

    /** What ingest reports: stored readings (after they are durable), births and deaths. */
    public void on(TelemetryEvent event) {
        if (event instanceof TelemetryEvent.ReadingsStored r) {
            readings(r.device(), r.points());
        } else if (event instanceof TelemetryEvent.DeviceReported r) {
            writers.submit(r.device(), () -> device(r.device()).heard(r.receivedAt()));
        } else if (event instanceof TelemetryEvent.GatewayStatusChanged g) {
            gatewayStatus(g.gateway(), g.online());
        } else if (event instanceof TelemetryEvent.DeviceStatusChanged d) {
            deviceStatus(d.device(), d.gateway(), d.online());
        }
    }

    /** Stored readings of one device (called after they are durable). */
    public void readings(DeviceKey key, List<StoredPoint> points) {
        writers.submit(key, () -> {
            DeviceAlarms device = device(key);
            for (StoredPoint p : points) {
                if (p.point().equals(BuiltInAlarms.MAINTENANCE_POINT) && p.isGood() && p.number() != null
                        && suppression.maintenance(key, p.number() != 0)) {
                    LOG.info("event=maintenance-ended site={} device={}", key.site(), key.device());
                    apply(device, device.stillActive(p.time()));
                }
            }
            apply(device, device.readings(points));
        });
    }

    /**
     * A figure the hub works out about a device rather than reads from it (the loss below an incomer over a day), judged
     * by the device's rule on {@code point} like a reading. {@code detail} is what the alarm records as its value.
     */
    public void derived(DeviceKey key, String point, BigDecimal value, String detail, Instant at) {
        writers.submit(key, () -> {
            DeviceAlarms device = device(key);
            apply(device, device.derived(point, value, detail, at));
        });
    }

    /**
     * Rules the hub adds to devices from what it knows besides their profiles (a meter with sub-meters gets the loss
     * rule); the site's {@code alarmRules} apply to them as to any other. Takes effect for devices met or reloaded after.
     */
    public void derivedRules(BiFunction<String, String, List<AlarmCondition>> rules) {
        loader.derivedRules(rules);
    }

    /** A device was born (online) or died (offline). */
    public void deviceStatus(DeviceKey key, GatewayKey gateway, boolean online) {
        if (!online && Boolean.TRUE.equals(deadGateways.get(gateway))) {
            return; // the gateway's own alarm covers its devices
        }
        writers.submit(key, () -> {
            DeviceAlarms device = device(key);
            apply(device, device.status(online, true, clock.instant()));
        });
    }

    /** A gateway was born or died: one alarm for the gateway, whatever the number of devices behind it. */
    public void gatewayStatus(GatewayKey gateway, boolean online) {
        deadGateways.put(gateway, !online);
        if (!online) {
            writers.onEachStripe(i -> devices.get(i).values().stream().filter(d -> behind(gateway, d.device)).forEach(DeviceAlarms::gatewayDied));
        }
        DeviceKey own = new DeviceKey(gateway.site(), gateway.gateway());
        writers.submit(own, () -> {
            DeviceAlarms alarms = device(own);
            apply(alarms, alarms.status(online, false, clock.instant()));
        });
    }

    private boolean behind(GatewayKey gateway, DeviceKey device) {
        return device.site().equals(gateway.site()) && directory.get().device(device.site(), device.device())
                .map(d -> gateway.gateway().equals(d.gateway())).orElse(false);
    }

    private void tickAll() {
        Instant now = clock.instant();
        Function<DeviceKey, Duration> silence = noDataAfter;
        writers.onEachStripe(i -> devices.get(i).values().forEach(d -> apply(d, d.tick(now, silence.apply(d.device)))));
    }

    /** Suppression, then the lifecycle, then the store and the event: what becomes of each changed condition. */
    private void apply(DeviceAlarms device, List<DeviceAlarms.Change> changes) {
        for (DeviceAlarms.Change c : changes) {
            AlarmSlot s = c.slot();
            if (c.active() && s.alarmId == null) {
                Optional<String> suppressed = suppression.reason(device.device, s.rule, c.at());
                if (suppressed.isPresent()) {
                    LOG.info("event=alarm-suppressed site={} device={} type={} reason={}", device.device.site(), device.device.device(),
                            s.rule.type(), suppressed.get());
                    continue;
                }
            }
            String why = s.rule.point() + (c.value() == null ? "" : " = " + c.value()) + (c.active() ? "" : " (cleared)");
            Optional<Transition> t = c.active() ? s.life.activate(c.at(), why) : s.life.clear(c.at(), why);
            recorder.record(device.device, s, t, c.value(), c.at());
        }
    }

    /** Takes a device out of service (no new alarms) until {@code until}, or until it is returned when null. */
    public void outOfService(DeviceKey key, Instant until, String by, String reason) {
        store.outOfService(key, clock.instant(), until, by, reason);
        suppression.outOfService(key, until);
        LOG.info("event=out-of-service site={} device={} until={} by={}", key.site(), key.device(), until == null ? "returned" : until, by);
    }

    /**
     * A technician works on the device under a work order (on), or no longer (off): maintenance mode, so its alarms
     * other than life-safety and communication loss are suppressed meanwhile. Not stored: the work orders are, and
     * the maintenance domain says again at start which devices are under one.
     */
    public void underWorkOrder(DeviceKey key, boolean on, String order) {
        suppression.workOrder(key, on);
        LOG.info("event=work-order-maintenance-mode site={} device={} on={} order={}", key.site(), key.device(), on, order);
        if (!on) {
            // a fault still there when the technician leaves is raised now, not at its next change
            writers.submit(key, () -> {
                DeviceAlarms device = device(key);
                apply(device, device.stillActive(clock.instant()));
            });
        }
    }

    public void backInService(DeviceKey key, String by) {
        store.backInService(key);
        suppression.backInService(key);
        LOG.info("event=back-in-service site={} device={} by={}", key.site(), key.device(), by);
        writers.submit(key, () -> {
            DeviceAlarms device = device(key);
            apply(device, device.stillActive(clock.instant()));
        });
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
        Alarm a = find(id);
        if (a.state().isNormal()) {
            throw new AlarmActionException("alarm " + id + " is normal; only an open alarm can be shelved");
        }
        Instant now = clock.instant();
        store.shelve(id, now.plus(duration), by, why, now);
        return store.find(id).orElseThrow();
    }

    private Alarm act(long id, BiFunction<AlarmSlot, Instant, Transition> action) {
        Alarm a = find(id);
        DeviceKey key = new DeviceKey(a.site(), a.device());
        return writers.call(key, () -> {
            AlarmSlot s = device(key).slot(a.type());
            if (s == null || s.alarmId == null || s.alarmId != id) {
                throw new AlarmActionException("alarm " + id + " is " + a.state().id() + " and no longer open");
            }
            Instant now = clock.instant();
            return recorder.action(key, s, action.apply(s, now), now);
        }, ANSWER_WITHIN);
    }

    /** Waits until every writer has done what was handed to it before this call (for tests and orderly shutdown). */
    public void drain() {
        writers.drain();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        writers.close();
    }
}
