package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * What one device's alarms remember between readings: a slot per alarm type, the counter watch of a billed meter and
 * the silence watch. It only judges conditions; what becomes of a changed condition (suppression, lifecycle, storage)
 * is the engine's. Touched only from the device's writer.
 */
final class DeviceAlarms {

    /** A debounced condition that changed: {@code value} is what the point said, for the alarm's record. */
    record Change(AlarmSlot slot, boolean active, String value, Instant at) {
    }

    final DeviceKey device;
    private Map<String, AlarmSlot> slots;
    /** Null when the device has no billed counter. */
    private CounterWatch counter;
    private final SilenceWatch silence = new SilenceWatch();

    DeviceAlarms(DeviceKey device, Map<String, AlarmSlot> slots, CounterWatch counter) {
        this.device = device;
        this.slots = slots;
        this.counter = counter;
    }

    Map<String, AlarmSlot> slots() {
        return slots;
    }

    CounterWatch counter() {
        return counter;
    }

    /** New rules (a site file changed); the silence watch carries over. */
    void rules(Map<String, AlarmSlot> slots, CounterWatch counter) {
        this.slots = slots;
        this.counter = counter;
    }

    AlarmSlot slot(String type) {
        return slots.get(type);
    }

    /**
     * The hub received a live message in which the device answered. Silence is judged by when the hub heard from the
     * device, never by the readings' source times (an unchanged value keeps the time it last changed).
     */
    void heard(Instant receivedAt) {
        silence.heard(receivedAt);
    }

    /** Stored readings of the device, in the order they were stored. */
    List<Change> readings(List<StoredPoint> points) {
        List<Change> changes = new ArrayList<>();
        if (counter != null) {
            String point = counter.settings().point();
            points.stream().filter(p -> p.point().equals(point) && p.isGood() && p.number() != null)
                    .sorted(Comparator.comparing(StoredPoint::time))
                    .forEach(p -> verdicts(counter.reading(BigDecimal.valueOf(p.number()), p.time()), p.number().toString(), p.time(), changes));
        }
        for (AlarmSlot s : slots.values()) {
            if (s.isCounterCheck()) {
                continue; // judged by the counter watch above, not by comparing the value
            }
            for (StoredPoint p : points) {
                if (p.point().equals(s.rule.point()) && p.isGood()) {
                    String value = p.text() != null ? p.text() : p.number() == null ? null : p.number().toString();
                    s.tracker.value(p.number(), p.text(), p.time()).ifPresent(active -> changes.add(new Change(s, active, value, p.time())));
                }
            }
        }
        return changes;
    }

    /** A figure the hub worked out about the device, judged by the rules on that (derived) point. */
    List<Change> derived(String point, BigDecimal value, String detail, Instant at) {
        List<Change> changes = new ArrayList<>();
        for (AlarmSlot s : slots.values()) {
            if (s.rule.point().equals(point)) {
                s.tracker.value(value.doubleValue(), null, at).ifPresent(active -> changes.add(new Change(s, active, detail, at)));
            }
        }
        return changes;
    }

    /**
     * The hub's clock: pending delays, a counter's flow that paused, and silence longer than {@code noDataAfter} (or
     * the no-data rule's own on-delay, when the site file sets one).
     */
    List<Change> tick(Instant now, Duration noDataAfter) {
        List<Change> changes = new ArrayList<>();
        if (counter != null) {
            verdicts(counter.tick(now), "flow paused", now, changes);
        }
        AlarmSlot silent = slots.get(BuiltInAlarms.NO_DATA);
        if (silent != null) {
            Duration after = silent.rule.onDelay() == null || silent.rule.onDelay().isZero() ? noDataAfter : silent.rule.onDelay();
            boolean quiet = silence.quiet(now, after);
            if (quiet || silent.tracker.active()) {
                String value = quiet ? "nothing since " + silence.last().orElseThrow() : "readings again";
                silent.tracker.value(null, quiet ? "silent" : "fresh", now).ifPresent(active -> changes.add(new Change(silent, active, value, now)));
            }
        }
        for (AlarmSlot s : slots.values()) {
            s.tracker.tick(now).ifPresent(active -> changes.add(new Change(s, active, null, now)));
        }
        return changes;
    }

    /** The device (or, for a gateway's own slots, the gateway) was born or died. */
    List<Change> status(boolean online, boolean sendsReadings, Instant now) {
        AlarmSlot s = slots.get(BuiltInAlarms.COMMUNICATION_LOST);
        if (online && sendsReadings) {
            silence.born(now);
        } else {
            silence.stop();
        }
        String value = online ? "online" : "offline";
        return s.tracker.value(null, value, now).map(active -> List.of(new Change(s, active, value, now))).orElse(List.of());
    }

    /** The device's gateway died: its own alarm covers the device, so its silence and a pending death are forgotten. */
    void gatewayDied() {
        silence.stop();
        AlarmSlot comm = slots.get(BuiltInAlarms.COMMUNICATION_LOST);
        if (comm != null) {
            comm.forgetPending();
        }
    }

    /** Conditions that are active but raised no alarm (suppressed then): after suppression ends they raise it now. */
    List<Change> stillActive(Instant at) {
        return slots.values().stream().filter(s -> s.tracker.active() && s.alarmId == null)
                .map(s -> new Change(s, true, "still active after suppression ended", at)).toList();
    }

    private void verdicts(Map<String, String> verdicts, String value, Instant at, List<Change> changes) {
        verdicts.forEach((type, verdict) -> {
            AlarmSlot s = slots.get(type);
            if (s != null) {
                s.tracker.value(null, verdict, at).ifPresent(active -> changes.add(new Change(s, active, value, at)));
            }
        });
    }
}
