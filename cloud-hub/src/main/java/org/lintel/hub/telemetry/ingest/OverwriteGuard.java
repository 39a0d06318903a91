package org.lintel.hub.telemetry.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.telemetry.timeseries.StoreUnavailableException;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stored reading is never replaced by a different one: a gateway sending the same reading again (a resend after a
 * crash) is fine, but a second, different value at the same millisecond — a forged or buggy correction of a meter a
 * bill is read from — is refused and counted ({@code overwrite-refused}). Looking every point up in the store would
 * cost a query per point with InfluxDB, so the guard remembers each series' newest time (from the store once per
 * device, then from what it passed) and looks up only points at or before it, one query per series and message.
 *
 * <p>Runs on the ingest thread only. Not covered: two different values for one millisecond arriving while neither is
 * stored yet (in batches written at the same time); the later one wins there, as before.
 */
final class OverwriteGuard {

    private final TimeSeriesStore store;
    private final HubMetrics metrics;
    private static final Logger LOG = LoggerFactory.getLogger(OverwriteGuard.class);

    private final Map<String, Map<String, Long>> newest = new HashMap<>();
    private boolean uncheckedSaid;

    OverwriteGuard(TimeSeriesStore store, HubMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * The points of one device's message that may be stored; the others are counted. If the store cannot be asked
     * (InfluxDB down) every point is let through: storing waits for the store anyway, and losing nothing comes first.
     */
    List<StoredPoint> admit(String gateway, List<StoredPoint> points) {
        if (points.isEmpty()) {
            return points;
        }
        try {
            return check(gateway, points);
        } catch (StoreUnavailableException e) {
            if (!uncheckedSaid) {
                uncheckedSaid = true;
                LOG.warn("event=overwrite-check-skipped reason=\"{}\" (said once until the store answers again)", e.getMessage());
            }
            return points;
        }
    }

    private List<StoredPoint> check(String gateway, List<StoredPoint> points) {
        StoredPoint first = points.get(0);
        Map<String, Long> seriesNewest = newest.computeIfAbsent(first.site() + '\u0000' + first.device(), k -> {
            Map<String, Long> m = new HashMap<>();
            store.latest(first.site(), first.device()).forEach(p -> m.put(p.point(), p.time().toEpochMilli()));
            return m;
        });
        Map<String, List<StoredPoint>> candidates = new HashMap<>();
        for (StoredPoint p : points) {
            Long last = seriesNewest.get(p.point());
            if (last != null && p.time().toEpochMilli() <= last) {
                candidates.computeIfAbsent(p.point(), k -> new ArrayList<>()).add(p);
            }
        }
        List<StoredPoint> admitted = new ArrayList<>(points.size());
        java.util.Set<StoredPoint> refused = new java.util.HashSet<>();
        candidates.forEach((point, list) -> {
            Instant from = list.stream().map(StoredPoint::time).min(Instant::compareTo).orElseThrow();
            Instant to = list.stream().map(StoredPoint::time).max(Instant::compareTo).orElseThrow().plusMillis(1);
            Map<Instant, StoredPoint> stored = new HashMap<>();
            store.history(first.site(), first.device(), point, from, to, Integer.MAX_VALUE).forEach(s -> stored.put(s.time(), s));
            for (StoredPoint p : list) {
                StoredPoint existing = stored.get(p.time());
                if (existing != null && !sameReading(existing, p)) {
                    refused.add(p);
                    metrics.rejected("overwrite-refused", first.site() + "/" + gateway + "/" + first.device(), p.point() + " at " + p.time()
                            + " is stored as " + describe(existing) + "; a different reading (" + describe(p) + ") does not replace it");
                }
            }
        });
        uncheckedSaid = false;
        for (StoredPoint p : points) {
            if (!refused.contains(p)) {
                admitted.add(p);
                seriesNewest.merge(p.point(), p.time().toEpochMilli(), Math::max);
            }
        }
        return admitted;
    }

    /**
     * InfluxDB keeps each field of a point apart: read while another writer stores the same reading (a re-sent message),
     * a row may have its value and not yet its quality. Such a row is compared by its value and text alone.
     */
    private static boolean sameReading(StoredPoint a, StoredPoint b) {
        return Objects.equals(a.number(), b.number()) && Objects.equals(a.text(), b.text())
                && (a.quality() == null || b.quality() == null || a.quality().equals(b.quality()));
    }

    private static String describe(StoredPoint p) {
        return (p.number() != null ? p.number().toString() : p.text() != null ? "'" + p.text() + "'" : "no value") + ", " + p.quality();
    }
}
