package org.lintel.hub.usage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lintel.hub.telemetry.timeseries.CounterRun;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * What a consumption reads of one meter's counter: the good readings around a boundary and between two. Three ways
 * to get them: one meter at a time ({@link StoreReadings}), every meter of a site at once when many ask the same
 * instant ({@link SiteBatchReadings}, a bill run), and one meter's month held in memory ({@link MeterWindowReadings},
 * time-of-use bands).
 */
interface CounterReadings {

    Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at);

    Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at);

    /**
     * The good readings of [from, to) in brief when that is known without reading them one by one; empty when the
     * caller has to walk them. A run without a first reading means there are none.
     */
    Optional<CounterRun> run(String site, String device, String point, Instant from, Instant to);

    /** Every reading of [from, to), oldest first, at most {@code limit}. */
    List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit);

    /** A run of no readings. */
    CounterRun NONE = new CounterRun(null, null, false);
}
