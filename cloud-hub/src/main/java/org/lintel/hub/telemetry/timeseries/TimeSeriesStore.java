package org.lintel.hub.telemetry.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where readings live. {@link #write} returns only when the points are durable (the hub acknowledges the MQTT
 * messages after that), and throws {@link StoreUnavailableException} when the store cannot be reached (worth
 * retrying), or another runtime exception when it refuses these points themselves (retrying cannot help; ingest then
 * finds the message that carries them), never dropping points silently.
 * Implementations: the embedded store and InfluxDB; the ingest path is the same for both.
 */
public interface TimeSeriesStore extends AutoCloseable {

    /** Stores the points durably; storing the same (series, millisecond) again replaces the point. */
    void write(List<StoredPoint> points);

    /** The newest point of every point name of a device, ordered by point name. */
    List<StoredPoint> latest(String site, String device);

    /**
     * The newest value of every point of every device of a site, by device: one read for a page of devices rather
     * than one per device. A store that can do it in one query overrides this.
     */
    default Map<String, List<StoredPoint>> latest(String site, java.util.Collection<String> devices) {
        Map<String, List<StoredPoint>> out = new java.util.LinkedHashMap<>();
        devices.forEach(d -> out.put(d, latest(site, d)));
        return out;
    }

    /** Points of one series in [from, to), oldest first, at most {@code limit}. */
    List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit);

    /**
     * Good numeric values of one series in [from, to) grouped in buckets aligned to midnight at {@code local}: daily
     * buckets are the site's days, not UTC's (a site in Asia/Shanghai: each day from 16:00 UTC). One offset for the
     * whole range: across a daylight-saving change buckets keep the offset of the range's start.
     */
    List<Bucket> downsample(String site, String device, String point, Instant from, Instant to, Duration bucket, ZoneOffset local);

    /** The newest good numeric point at or before {@code at}. */
    Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at);

    /** The oldest good numeric point at or after {@code at}. */
    Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at);

    /**
     * For every device of the site with a good numeric reading of {@code point} at or before {@code at}, the newest
     * one: what a bill run needs at a period boundary, in one read for all meters instead of one per meter.
     */
    Map<String, StoredPoint> lastGoodAtOrBefore(String site, String point, Instant at);

    /** For every device of the site with a good numeric reading of {@code point} at or after {@code at}, the oldest. */
    Map<String, StoredPoint> firstGoodAtOrAfter(String site, String point, Instant at);

    /** For every device of the site with good numeric readings of {@code point} in [from, to), their run in brief. */
    Map<String, CounterRun> counterRuns(String site, String point, Instant from, Instant to);

    /** A short name for logs and metrics: {@code embedded} or {@code influxdb}. */
    String kind();

    @Override
    void close();
}
