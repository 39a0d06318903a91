package org.lintel.edge.normalize;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.lintel.profile.Deadband;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.reading.Quality;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * Report by exception: a reading goes on only when its quality changed, its value moved by the point's deadband
 * (gauges) or changed at all (counters, states, flags, text), or nothing was sent for the maximum silent interval, so
 * that unchanged values still refresh and the hub can tell a quiet device from a dead one. Counters ignore the
 * deadband: a bill is the difference of two counter readings, and a step held back by a deadband is usage billed to
 * the wrong period or, at a meter replacement, never.
 */
final class ReportByException {

    private record Last(Value value, Quality quality, Instant sentAt, long sourceMillis) {
    }

    private final Map<String, DeviceContext> devices;
    private final Duration maxSilent;
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    ReportByException(Map<String, DeviceContext> devices, Duration maxSilent) {
        this.devices = devices;
        this.maxSilent = maxSilent;
    }

    ReadingBatch filter(ReadingBatch batch) {
        DeviceContext ctx = devices.get(batch.deviceId());
        List<Reading> kept = new ArrayList<>();
        for (Reading r : batch.readings()) {
            Point p = ctx == null ? null : ctx.profile().point(r.point()).orElse(null);
            String key = r.deviceId() + '\u0000' + r.point();
            Last l = last.get(key);
            if (l == null || send(p, l, r)) {
                Reading out = l == null ? r : afterTheLast(l, r);
                kept.add(out);
                last.put(key, new Last(out.value(), out.quality(), out.gatewayTime(), out.sourceTime().toEpochMilli()));
            }
        }
        return batch.with(kept);
    }

    /**
     * Sparkplug carries milliseconds, and the hub keeps one reading per point and millisecond, refusing a different one
     * as an overwrite. Two changes arriving within one millisecond (a detector's pre-alarm and its fire 1 ms later,
     * each timed on arrival) would share a millisecond and the fire be refused: the later one moves to the next
     * millisecond. A reading older than the last one sent (a slow answer to an earlier request) keeps its time.
     */
    private static Reading afterTheLast(Last l, Reading r) {
        if (r.sourceTime().toEpochMilli() != l.sourceMillis()) {
            return r;
        }
        Instant next = Instant.ofEpochMilli(l.sourceMillis() + 1);
        return new Reading(r.deviceId(), r.point(), r.value(), r.unit(), r.quality(), next,
                r.gatewayTime().isBefore(next) ? next : r.gatewayTime());
    }

    private boolean send(Point p, Last l, Reading r) {
        if (l.quality().level() != r.quality().level() || l.quality().reason() != r.quality().reason()) {
            return true;
        }
        if (!r.gatewayTime().isBefore(l.sentAt().plus(maxSilent))) {
            return true;
        }
        if (r.value() instanceof Value.Numeric n && l.value() instanceof Value.Numeric before) {
            Deadband d = p == null || p.kind() == PointKind.COUNTER ? Deadband.NONE : p.deadband();
            return d.exceeded(before.value(), n.value());
        }
        return !Objects.equals(l.value(), r.value());
    }
}
