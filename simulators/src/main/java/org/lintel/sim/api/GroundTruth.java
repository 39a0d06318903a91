package org.lintel.sim.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.sim.device.SimDevice;

/**
 * What the devices really measured: each counter's exact cumulative total (what billing must reproduce), its register
 * (what a client reads, after rollover and replacement), meter events, and usage per interval.
 */
final class GroundTruth {

    private GroundTruth() {
    }

    static Map<String, Object> counters(SimDevice d, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", d.id());
        m.put("at", at);
        List<Map<String, Object>> counters = new ArrayList<>();
        for (Point p : d.profile().points()) {
            if (p.kind() != PointKind.COUNTER) {
                continue;
            }
            d.trueTotal(p, at).ifPresent(total -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("point", p.name());
                c.put("unit", p.canonicalUnit().map(u -> u.id()).orElse(null));
                c.put("billing", p.billing() == null ? null : p.billing().name().toLowerCase(java.util.Locale.ROOT));
                c.put("trueTotal", total);
                c.put("register", d.register(p, at).orElse(null));
                c.put("rollover", p.canonicalRollover().orElse(null));
                counters.add(c);
            });
        }
        m.put("counters", counters);
        m.put("events", d.events());
        return m;
    }

    /** Usage of one counter per step between two instants: the difference of true totals, exact. */
    static Map<String, Object> usage(SimDevice d, Point p, Instant from, Instant to, Duration step) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("'to' must be after 'from'");
        }
        if (Duration.between(from, to).dividedBy(step) > 10_000) {
            throw new IllegalArgumentException("more than 10000 intervals; use a larger step");
        }
        List<Map<String, Object>> intervals = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Instant a = from; a.isBefore(to); a = a.plus(step)) {
            Instant b = a.plus(step).isAfter(to) ? to : a.plus(step);
            BigDecimal u = d.trueTotal(p, b).orElseThrow().subtract(d.trueTotal(p, a).orElseThrow());
            sum = sum.add(u);
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("from", a);
            i.put("to", b);
            i.put("usage", u);
            intervals.add(i);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", d.id());
        m.put("point", p.name());
        m.put("unit", p.canonicalUnit().map(u -> u.id()).orElse(null));
        m.put("from", from);
        m.put("to", to);
        m.put("total", sum);
        m.put("intervals", intervals);
        return m;
    }
}
