package org.lintel.hub.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lintel.hub.telemetry.timeseries.CounterRun;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;

/** One meter at a time, straight from the store: right for a single question (the consumption API, a pool meter). */
final class StoreReadings implements CounterReadings {

    private final TimeSeriesStore store;

    StoreReadings(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    public Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at) {
        return store.lastGoodAtOrBefore(site, device, point, at);
    }

    @Override
    public Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        return store.firstGoodAtOrAfter(site, device, point, at);
    }

    @Override
    public Optional<CounterRun> run(String site, String device, String point, Instant from, Instant to) {
        return Optional.empty(); // walking one meter's readings costs the same one query as summing them
    }

    @Override
    public List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit) {
        return store.history(site, device, point, from, to, limit);
    }
}
