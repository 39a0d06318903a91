package org.lintel.hub.usage;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lintel.hub.telemetry.timeseries.CounterRun;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;

/**
 * For a bill run: thousands of meters asked about the same few instants (the period's start and end, the start of
 * the tier year). The first meter to ask about an instant is answered alone; when a second meter asks about the same
 * instant, every meter of the site is read at once and kept, so a run costs a handful of store queries per boundary
 * instead of a few per meter. An instant only one meter asks about (a replacement, "now") never costs a site-wide
 * read. Readings arriving meanwhile are not seen: one run bills one snapshot. Use one instance per run, then drop it.
 */
final class SiteBatchReadings implements CounterReadings {

    private record Before(String site, String point, Instant at) {
    }

    private record After(String site, String point, Instant at) {
    }

    private record Between(String site, String point, Instant from, Instant to) {
    }

    private final TimeSeriesStore store;
    private final StoreReadings single;
    private final Set<Object> askedOnce = new HashSet<>();
    private final Map<Before, Map<String, StoredPoint>> before = new HashMap<>();
    private final Map<After, Map<String, StoredPoint>> after = new HashMap<>();
    private final Map<Between, Map<String, CounterRun>> runs = new HashMap<>();

    SiteBatchReadings(TimeSeriesStore store) {
        this.store = store;
        this.single = new StoreReadings(store);
    }

    @Override
    public synchronized Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at) {
        Before key = new Before(site, point, at);
        Map<String, StoredPoint> all = before.get(key);
        if (all == null && askedOnce.add(key)) {
            return single.lastGoodAtOrBefore(site, device, point, at);
        }
        if (all == null) {
            all = store.lastGoodAtOrBefore(site, point, at);
            before.put(key, all);
        }
        return Optional.ofNullable(all.get(device));
    }

    @Override
    public synchronized Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        After key = new After(site, point, at);
        Map<String, StoredPoint> all = after.get(key);
        if (all == null && askedOnce.add(key)) {
            return single.firstGoodAtOrAfter(site, device, point, at);
        }
        if (all == null) {
            all = store.firstGoodAtOrAfter(site, point, at);
            after.put(key, all);
        }
        return Optional.ofNullable(all.get(device));
    }

    @Override
    public synchronized Optional<CounterRun> run(String site, String device, String point, Instant from, Instant to) {
        Between key = new Between(site, point, from, to);
        Map<String, CounterRun> all = runs.get(key);
        if (all == null && askedOnce.add(key)) {
            return Optional.empty();
        }
        if (all == null) {
            all = store.counterRuns(site, point, from, to);
            runs.put(key, all);
        }
        return Optional.of(all.getOrDefault(device, NONE));
    }

    @Override
    public List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit) {
        return single.history(site, device, point, from, to, limit);
    }
}
