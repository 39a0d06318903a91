package org.lintel.sim.device;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.reading.Value;
import org.lintel.site.Device;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Generic;

/**
 * One simulated device: its site entry and profile, the behaviour that gives its values over time, and what
 * scenarios currently do to it (overridden points, meter events, wire faults). Protocol servers ask it for canonical
 * values and encode them as the profile says.
 */
public final class SimDevice {

    private final Device device;
    private final DeviceProfile profile;
    private final Behaviour behaviour;
    private final Generic fallback;
    private final Map<String, Map<String, Function<Instant, Value>>> overlays = new ConcurrentHashMap<>();
    private final Map<String, Faults> faults = new ConcurrentHashMap<>();
    private final List<Adjustment> adjustments = new CopyOnWriteArrayList<>();
    private final List<MeterEvent> events = new CopyOnWriteArrayList<>();

    /** From {@code at} on, the register shows true total + offset (modulo rollover). */
    private record Adjustment(String point, Instant at, BigDecimal offset) {
    }

    public SimDevice(Device device, DeviceProfile profile, Behaviour behaviour, Generic fallback) {
        this.device = device;
        this.profile = profile;
        this.behaviour = behaviour;
        this.fallback = fallback;
    }

    public String id() {
        return device.id();
    }

    public Device device() {
        return device;
    }

    public DeviceProfile profile() {
        return profile;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** The point's canonical value at {@code t}: a scenario's override, else the meter register, else the behaviour. */
    public Value value(Point point, Instant t) {
        for (Map<String, Function<Instant, Value>> byPoint : overlays.values()) {
            Function<Instant, Value> f = byPoint.get(point.name());
            if (f != null) {
                return f.apply(t);
            }
        }
        if (point.kind() == PointKind.COUNTER) {
            Optional<BigDecimal> reg = register(point, t);
            if (reg.isPresent()) {
                return new Value.Numeric(reg.get().doubleValue());
            }
        }
        return behaviour.value(point, t).or(() -> fallback.value(point, t)).orElseThrow();
    }

    /** What the counter truly measured by {@code t} (canonical units), unaffected by rollover and replacement. */
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        return behaviour.trueTotal(point, t).or(() -> fallback.trueTotal(point, t));
    }

    /** The counter's register at {@code t}: true total plus the offset of the latest adjustment, modulo rollover. */
    public Optional<BigDecimal> register(Point point, Instant t) {
        return trueTotal(point, t).map(total -> {
            BigDecimal offset = BigDecimal.ZERO;
            for (Adjustment a : adjustments) {
                if (a.point().equals(point.name()) && !a.at().isAfter(t)) {
                    offset = a.offset();
                }
            }
            BigDecimal v = total.add(offset);
            BigDecimal limit = point.canonicalRollover().orElse(null);
            if (limit != null) {
                v = v.remainder(limit);
                if (v.signum() < 0) {
                    v = v.add(limit);
                }
            }
            return v;
        });
    }

    /** Sets the counter's register to {@code newReading} at {@code at} without consumption, and records the event. */
    public synchronized MeterEvent adjust(String type, Point point, Instant at, BigDecimal newReading) {
        BigDecimal old = register(point, at).orElseThrow(() -> new IllegalArgumentException(point.name() + " is not a modelled counter"));
        BigDecimal total = trueTotal(point, at).orElseThrow();
        adjustments.add(new Adjustment(point.name(), at, newReading.subtract(total)));
        MeterEvent e = new MeterEvent(type, point.name(), at, old, newReading);
        events.add(e);
        return e;
    }

    public List<MeterEvent> events() {
        return List.copyOf(events);
    }

    /** Installs a scenario's overrides of some points' values; removed again by {@link #clear(String)}. */
    public void override(String scenarioId, Map<String, Function<Instant, Value>> byPoint) {
        overlays.put(scenarioId, Map.copyOf(byPoint));
    }

    public void fault(String scenarioId, Faults f) {
        faults.put(scenarioId, f);
    }

    /** Ends everything a scenario did to this device, except meter events, which are history. */
    public void clear(String scenarioId) {
        overlays.remove(scenarioId);
        faults.remove(scenarioId);
    }

    /** The wire faults in effect now (several scenarios combine). */
    public Faults faults() {
        Faults f = Faults.NONE;
        for (Faults x : faults.values()) {
            f = f.and(x);
        }
        return f;
    }
}
