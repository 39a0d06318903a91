package org.lintel.sim.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.reading.Value;
import org.lintel.sim.behaviour.WaterMeter;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.Faults;
import org.lintel.sim.device.SimDevice;
import org.lintel.site.Connection;
import org.lintel.yaml.Durations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and ends scenarios; every start is checked against what the device can do, with a clear reason if not. */
public final class Scenarios {

    private static final Logger LOG = LoggerFactory.getLogger(Scenarios.class);

    private final String site;
    private final SimClock clock;
    private final Function<String, Optional<SimDevice>> devices;
    private final DeviceServers servers;
    private final Map<String, Scenario> all = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private final ScenarioJournal journal;

    /** Scenarios on the devices of {@code site}; {@code servers} restarts their servers;
     * {@code journal} keeps every start and stop for a restart of the same time line. */
    public Scenarios(String site, SimClock clock, Function<String, Optional<SimDevice>> devices, DeviceServers servers, ScenarioJournal journal) {
        this.journal = journal;
        this.site = site;
        this.clock = clock;
        this.devices = devices;
        this.servers = servers;
    }

    public List<Scenario> list() {
        List<Scenario> l = new ArrayList<>(all.values());
        l.sort((a, b) -> Integer.compare(Integer.parseInt(a.id().substring(1)), Integer.parseInt(b.id().substring(1))));
        return l;
    }

    public Optional<Scenario> get(String id) {
        return Optional.ofNullable(all.get(id));
    }

    /** Starts a scenario now (simulated time). Throws IllegalArgumentException naming what does not fit. */
    public synchronized Scenario start(String typeWord, String deviceId, Map<String, String> params) {
        Scenario s = begin(typeWord, deviceId, params, "s" + next.getAndIncrement(), clock.now(), false);
        journal.started(s);
        return s;
    }

    private Scenario begin(String typeWord, String deviceId, Map<String, String> params, String id, Instant now, boolean resumed) {
        ScenarioType type = ScenarioType.of(typeWord);
        SimDevice d = devices.apply(deviceId).orElseThrow(() -> new IllegalArgumentException("no device '" + deviceId + "' in the site"));
        Map<String, String> p = new HashMap<>(params);
        boolean restart = type == ScenarioType.OPCUA_RESTART || type == ScenarioType.COAP_RESTART;
        // a server restart of an earlier run is over: resumed, it is only listed
        boolean instant = resumed && restart || apply(type, id, d, p, now);
        Scenario s = new Scenario(id, type.word(), deviceId, p, now, instant ? now : null);
        all.put(id, s);
        servers.changed(deviceId, now);
        LOG.info("event={} site={} device={} scenario={} type={} params=\"{}\" at={}", resumed ? "scenario-resumed" : "scenario-started", site,
                deviceId, id, type.word(), p, now);
        return s;
    }

    /** Ends a scenario: the device returns to normal behaviour (meter events stay, they are history). */
    public synchronized Scenario stop(String id) {
        Scenario s = all.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no scenario '" + id + "'");
        }
        if (!s.active()) {
            return s;
        }
        Scenario ended = end(s, clock.now());
        journal.stopped(ended);
        return ended;
    }

    private Scenario end(Scenario s, Instant now) {
        SimDevice d = devices.apply(s.device()).orElseThrow();
        d.clear(s.id());
        if (ScenarioType.of(s.type()) == ScenarioType.WATER_LEAK) {
            ((WaterMeter) d.behaviour()).stopLeak(now);
        }
        Scenario ended = s.endedAt(now);
        all.put(s.id(), ended);
        servers.changed(s.device(), now);
        LOG.info("event=scenario-ended site={} device={} scenario={} type={}", site, s.device(), s.id(), s.type());
        return ended;
    }

    /**
     * The scenarios of an earlier run of this time line, applied again at the simulated instants they happened: a
     * leak's litres stay on the meter, a meter replaced stays replaced. Called before the servers answer anybody.
     */
    public synchronized void resume(List<ScenarioJournal.Entry> entries) {
        for (ScenarioJournal.Entry e : entries) {
            try {
                if (e.op().equals("start")) {
                    begin(e.type(), e.device(), e.params(), e.id(), e.at(), true);
                    next.updateAndGet(n -> Math.max(n, Integer.parseInt(e.id().substring(1)) + 1));
                } else if (all.containsKey(e.id()) && all.get(e.id()).active()) {
                    end(all.get(e.id()), e.at());
                }
            } catch (RuntimeException ex) {
                // the site file changed since (a device removed): that scenario cannot come back, the others do
                LOG.warn("event=scenario-not-resumed site={} scenario={} reason=\"{}\"", site, e.id(), ex.getMessage());
            }
        }
    }

    private static Point need(SimDevice d, String point, ScenarioType type) {
        return d.profile().point(point).orElseThrow(() -> new IllegalArgumentException("scenario " + type.word() + " needs point "
                + point + ", which profile " + d.profile().id() + " of device " + d.id() + " does not have"));
    }

    private static Function<Instant, Value> constant(Value v) {
        return t -> v;
    }

    /** @return true when the scenario is over as soon as it is applied (meter events, restarts) */
    private boolean apply(ScenarioType type, String id, SimDevice d, Map<String, String> p, Instant now) {
        Map<String, Function<Instant, Value>> o = new HashMap<>();
        switch (type) {
            case FIRE -> {
                need(d, "alarm.state", type);
                Duration after = Durations.parse(p.computeIfAbsent("fireAfter", k -> "30s"))
                        .orElseThrow(() -> new IllegalArgumentException("fireAfter: expected " + Durations.FORMS));
                Instant fire = now.plus(after);
                o.put("alarm.state", t -> new Value.State(t.isBefore(fire) ? "pre-alarm" : "fire", null));
                servers.changed(d.id(), fire);
                if (d.profile().point("smoke.obscuration").isPresent()) {
                    o.put("smoke.obscuration", t -> {
                        double s = Math.max(0, Duration.between(now, t).toMillis()) / (double) Math.max(1, after.toMillis());
                        return new Value.Numeric(Math.min(25.0, Math.round((2.0 + 13.0 * s) * 100) / 100.0));
                    });
                }
            }
            case HEAT -> {
                Point temperature = need(d, "temperature", type);
                double perMinute = number(p, "degreesPerMinute", "10").doubleValue();
                double max = number(p, "max", "70").doubleValue();
                if (perMinute <= 0) {
                    throw new IllegalArgumentException("degreesPerMinute must be positive, was " + perMinute);
                }
                double from = d.value(temperature, now) instanceof Value.Numeric n ? n.value() : 21.0;
                o.put("temperature", t -> {
                    double minutes = Math.max(0, Duration.between(now, t).toMillis()) / 60_000.0;
                    return new Value.Numeric(Math.round(Math.min(max, from + perMinute * minutes) * 10) / 10.0);
                });
            }
            case DETECTOR_FAULT -> {
                need(d, "alarm.state", type);
                o.put("alarm.state", constant(new Value.State("fault", null)));
            }
            case TAMPER -> o.put(need(d, "tamper", type).name(), constant(new Value.Flag(true)));
            case LOW_BATTERY -> {
                o.put(need(d, "battery.low", type).name(), constant(new Value.Flag(true)));
                d.profile().point("battery.level").ifPresent(pt -> o.put(pt.name(), constant(new Value.Numeric(8))));
            }
            case LIFT_FAULT -> {
                Point code = need(d, "fault.code", type);
                String name = p.computeIfAbsent("code", k -> "door-closing-fault");
                if (!code.states().containsValue(name)) {
                    throw new IllegalArgumentException("code: '" + name + "' is not a fault.code state; known: " + code.states().values());
                }
                o.put("fault.code", constant(new Value.State(name, null)));
                o.put(need(d, "fault.active", type).name(), constant(new Value.Flag(true)));
            }
            case PASSENGER_TRAPPED -> {
                o.put(need(d, "passenger.trapped", type).name(), constant(new Value.Flag(true)));
                d.profile().point("fault.active").ifPresent(pt -> o.put(pt.name(), constant(new Value.Flag(true))));
                d.profile().point("fault.code").ifPresent(pt -> o.put(pt.name(), constant(new Value.State("car-stopped-outside-landing-zone", null))));
                d.profile().point("car.direction").ifPresent(pt -> o.put(pt.name(), constant(new Value.State("stopped", null))));
                d.profile().point("door.state").ifPresent(pt -> o.put(pt.name(), constant(new Value.State("closed", null))));
            }
            case MAINTENANCE -> {
                o.put(need(d, "maintenance.mode", type).name(), constant(new Value.Flag(true)));
                d.profile().point("car.mode").ifPresent(pt -> o.put(pt.name(), constant(new Value.State("inspection", null))));
            }
            case WATER_LEAK -> {
                if (!(d.behaviour() instanceof WaterMeter w)) {
                    throw new IllegalArgumentException("scenario water-leak needs a water meter; device " + d.id() + " is " + d.profile().id());
                }
                double lph = number(p, "litresPerHour", "30").doubleValue();
                if (lph <= 0) {
                    throw new IllegalArgumentException("litresPerHour must be greater than 0");
                }
                w.startLeak(now, lph);
            }
            case ROLLOVER -> {
                Point pt = counter(d, p, type);
                BigDecimal limit = pt.canonicalRollover().orElseThrow();
                BigDecimal margin = number(p, "margin", "1");
                if (margin.signum() <= 0 || margin.compareTo(limit) >= 0) {
                    throw new IllegalArgumentException("margin must be between 0 and the rollover limit " + limit);
                }
                d.adjust("rollover-preset", pt, now, limit.subtract(margin));
                return true;
            }
            case REPLACEMENT -> {
                Point pt = counter(d, p, type);
                d.adjust("replacement", pt, now, number(p, "initial", "0"));
                return true;
            }
            case SILENT -> d.fault(id, new Faults(true, 0, 0, false));
            case MODBUS_EXCEPTION -> {
                modbusOnly(d, type);
                int code = number(p, "code", "4").intValue();
                if (code < 1 || code > 255) {
                    throw new IllegalArgumentException("code must be a Modbus exception code 1..255");
                }
                d.fault(id, new Faults(false, code, 0, false));
            }
            case SLOW -> d.fault(id, new Faults(false, 0, number(p, "delayMs", "1500").longValue(), false));
            case CORRUPT_CRC -> {
                modbusOnly(d, type);
                d.fault(id, new Faults(false, 0, 0, true));
            }
            case OPCUA_RESTART -> {
                servers.opcua(d.id(), downtime(p));
                return true;
            }
            case COAP_RESTART -> {
                servers.coap(d.id(), downtime(p));
                return true;
            }
            default -> throw new IllegalStateException(type.word());
        }
        if (!o.isEmpty()) {
            d.override(id, o);
        }
        return false;
    }

    /** A numeric parameter (its default recorded in the scenario), or an error naming it. */
    private static BigDecimal number(Map<String, String> p, String key, String dflt) {
        String v = p.computeIfAbsent(key, k -> dflt);
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + key + "': expected a number, found '" + v + "'");
        }
    }

    private static Duration downtime(Map<String, String> p) {
        return Durations.parse(p.computeIfAbsent("downtime", k -> "5s"))
                .orElseThrow(() -> new IllegalArgumentException("downtime: expected " + Durations.FORMS));
    }

    private static void modbusOnly(SimDevice d, ScenarioType type) {
        if (!(d.device().connection() instanceof Connection.Modbus)) {
            throw new IllegalArgumentException("scenario " + type.word() + " needs a Modbus device; " + d.id() + " is not one");
        }
    }

    private static Point counter(SimDevice d, Map<String, String> p, ScenarioType type) {
        String name = p.get("point");
        Point pt;
        if (name == null) {
            pt = d.profile().meterPoints().stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "scenario " + type.word() + ": device " + d.id() + " has no billed counter; give 'point'"));
            p.put("point", pt.name());
        } else {
            pt = need(d, name, type);
        }
        if (pt.kind() != PointKind.COUNTER) {
            throw new IllegalArgumentException("point " + pt.name() + " of " + d.id() + " is not a counter");
        }
        return pt;
    }
}
