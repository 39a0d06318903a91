package org.lintel.hub.usage;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
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
        return neighbour(before, new Before(site, point, at), device, () -> single.lastGoodAtOrBefore(site, device, point, at),
                () -> store.lastGoodAtOrBefore(site, point, at));
    }

    @Override
    public synchronized Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        return neighbour(after, new After(site, point, at), device, () -> single.firstGoodAtOrAfter(site, device, point, at),
                () -> store.firstGoodAtOrAfter(site, point, at));
    }

    /** The first question about an instant is answered for one meter; the second reads every meter of the site. */
    private <K> Optional<StoredPoint> neighbour(Map<K, Map<String, StoredPoint>> cache, K key, String device,
                                                Supplier<Optional<StoredPoint>> one, Supplier<Map<String, StoredPoint>> all) {
        Map<String, StoredPoint> known = cache.get(key);
        if (known == null && askedOnce.add(key)) {
            return one.get();
        }
        if (known == null) {
            known = all.get();
            cache.put(key, known);
        }
        return Optional.ofNullable(known.get(device));
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
