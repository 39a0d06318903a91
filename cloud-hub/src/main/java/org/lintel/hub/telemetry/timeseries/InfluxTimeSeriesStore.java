package org.lintel.hub.telemetry.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time series in InfluxDB 1.x through its official Java client (influxdb-java), over the v1 HTTP API that Debian's
 * InfluxDB 1.6 serves. One measurement {@code reading}; tags site, building, device, point (bounded by the registry);
 * fields {@code value} (float), {@code text}, {@code quality}, {@code reason}. InfluxDB keeps one point per series and
 * timestamp, which makes a repeated write idempotent. Writes are synchronous: the client's own asynchronous batching
 * is not used, because it drops points when its buffer is full.
 */
public final class InfluxTimeSeriesStore implements TimeSeriesStore {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxTimeSeriesStore.class);
    private static final String MEASUREMENT = "reading";

    private final InfluxDB influx;
    private final String database;

    private InfluxTimeSeriesStore(InfluxDB influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** Connects to {@code url} (e.g. http://127.0.0.1:8086) and creates {@code database} if it does not exist. */
    public static InfluxTimeSeriesStore connect(String url, String user, String password, String database) {
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS)
                .writeTimeout(30, TimeUnit.SECONDS);
        InfluxDB influx = user == null ? InfluxDBFactory.connect(url, http) : InfluxDBFactory.connect(url, user, password, http);
        influx.query(new Query("CREATE DATABASE " + identifier(database)));
        LOG.info("event=influxdb-connected url={} database={} version={}", url, database, influx.version());
        return new InfluxTimeSeriesStore(influx, database);
    }

    @Override
    public void write(List<StoredPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        // line protocol written directly: the client's Point objects cost more CPU than the whole rest of the ingest
        StringBuilder lines = new StringBuilder(points.size() * 96);
        for (StoredPoint p : points) {
            lines.append(MEASUREMENT).append(",device=").append(tag(p.device()));
            if (p.building() != null) {
                lines.append(",building=").append(tag(p.building()));
            }
            lines.append(",point=").append(tag(p.point())).append(",site=").append(tag(p.site()));
            lines.append(" quality=").append(fieldString(p.quality()));
            if (p.number() != null && Double.isFinite(p.number())) {
                lines.append(",value=").append(p.number().doubleValue());
            }
            if (p.text() != null) {
                lines.append(",text=").append(fieldString(p.text()));
            }
            if (p.reason() != null) {
                lines.append(",reason=").append(fieldString(p.reason()));
            }
            lines.append(' ').append(p.time().toEpochMilli()).append('\n');
        }
        try {
            influx.write(database, "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines.toString());
        } catch (org.influxdb.InfluxDBException e) {
            if (!e.isRetryWorth()) {
                // InfluxDB refused the data itself (a parse error, a field type conflict): sending it again cannot help
                throw new IllegalArgumentException("InfluxDB refused " + points.size() + " points: " + e.getMessage(), e);
            }
            throw new StoreUnavailableException("InfluxDB write of " + points.size() + " points failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("InfluxDB write of " + points.size() + " points failed: " + e.getMessage(), e);
        }
    }

    /** Tag keys and values escape commas, equals signs and spaces. */
    private static String tag(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('=') < 0 && s.indexOf(' ') < 0) {
            return s;
        }
        return s.replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ");
    }

    private static String fieldString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public List<StoredPoint> latest(String site, String device) {
        List<StoredPoint> out = points(site, device, select("*", site, device, null) + " GROUP BY point ORDER BY time DESC LIMIT 1");
        out.sort(java.util.Comparator.comparing(StoredPoint::point)); // by point name, as the embedded store gives them
        return out;
    }

    /** One query for the whole site: the newest row of every (device, point) series. */
    @Override
    public Map<String, List<StoredPoint>> latest(String site, java.util.Collection<String> devices) {
        Map<String, List<StoredPoint>> out = new java.util.LinkedHashMap<>();
        devices.forEach(d -> out.put(d, new ArrayList<>()));
        String q = "SELECT * FROM " + MEASUREMENT + " WHERE site = " + literal(site) + " GROUP BY device, point ORDER BY time DESC LIMIT 1";
        for (QueryResult.Series s : run(q)) {
            String device = s.getTags() == null ? null : s.getTags().get("device");
            List<StoredPoint> list = out.get(device);
            if (list != null) {
                list.addAll(rows(site, device, s));
            }
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(StoredPoint::point)));
        return out;
    }

    @Override
    public List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit) {
        return points(site, device, select("*", site, device, point) + range(from, to) + " ORDER BY time ASC LIMIT " + limit);
    }

    @Override
    public List<Bucket> downsample(String site, String device, String point, Instant from, Instant to, Duration bucket, ZoneOffset local) {
        // InfluxQL's offset moves the epoch-aligned boundaries: minus the zone's offset puts them at local midnight
        String q = select("min(value), max(value), mean(value), last(value), count(value)", site, device, point) + " AND quality = 'good'"
                + range(from, to) + " GROUP BY time(" + bucket.toMillis() + "ms, " + (-local.getTotalSeconds() * 1000L) + "ms) fill(none)";
        List<Bucket> out = new ArrayList<>();
        for (QueryResult.Series s : run(q)) {
            for (List<Object> row : s.getValues()) {
                out.add(new Bucket(Instant.ofEpochMilli(((Number) row.get(0)).longValue()), num(row.get(1)), num(row.get(2)), num(row.get(3)),
                        num(row.get(4)), ((Number) row.get(5)).longValue()));
            }
        }
        return out;
    }

    @Override
    public Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at) {
        return points(site, device, select("*", site, device, point) + " AND quality = 'good' AND time <= " + nanos(at)
                + " ORDER BY time DESC LIMIT 1").stream().filter(p -> p.number() != null).findFirst();
    }

    @Override
    public Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        return points(site, device, select("*", site, device, point) + " AND quality = 'good' AND time >= " + nanos(at)
                + " ORDER BY time ASC LIMIT 1").stream().filter(p -> p.number() != null).findFirst();
    }

    @Override
    public Map<String, StoredPoint> lastGoodAtOrBefore(String site, String point, Instant at) {
        return byDevice(site, point, run(sitewide("last(value)", site, point) + " AND time <= " + nanos(at) + " GROUP BY device"));
    }

    @Override
    public Map<String, StoredPoint> firstGoodAtOrAfter(String site, String point, Instant at) {
        return byDevice(site, point, run(sitewide("first(value)", site, point) + " AND time >= " + nanos(at) + " GROUP BY device"));
    }

    /**
     * Three statements in one request: the first and last good reading of every device, and the smallest difference
     * between consecutive good readings (computed by InfluxDB, so the readings themselves never cross the network).
     */
    @Override
    public Map<String, CounterRun> counterRuns(String site, String point, Instant from, Instant to) {
        String where = range(from, to) + " GROUP BY device";
        String q = sitewide("first(value)", site, point) + where + "; " + sitewide("last(value)", site, point) + where
                + "; SELECT min(d) FROM (" + sitewide("difference(value) AS d", site, point) + where + ") GROUP BY device";
        List<List<QueryResult.Series>> results = runEach(q, 3);
        Map<String, StoredPoint> first = byDevice(site, point, results.get(0));
        Map<String, StoredPoint> last = byDevice(site, point, results.get(1));
        Map<String, CounterRun> out = new java.util.HashMap<>();
        java.util.Set<String> falling = new java.util.HashSet<>();
        for (QueryResult.Series s : results.get(2)) {
            for (List<Object> row : s.getValues()) {
                if (row.get(1) != null && ((Number) row.get(1)).doubleValue() < 0) {
                    falling.add(s.getTags().get("device"));
                }
            }
        }
        first.forEach((device, p) -> out.put(device, new CounterRun(p, last.getOrDefault(device, p), falling.contains(device))));
        return out;
    }

    private static String sitewide(String what, String site, String point) {
        return "SELECT " + what + " FROM " + MEASUREMENT + " WHERE site = " + literal(site) + " AND point = " + literal(point)
                + " AND quality = 'good'";
    }

    /** Rows of {@code SELECT first|last(value) … GROUP BY device}: one series per device, its one row at the reading's time. */
    private static Map<String, StoredPoint> byDevice(String site, String point, List<QueryResult.Series> series) {
        Map<String, StoredPoint> out = new java.util.HashMap<>();
        for (QueryResult.Series s : series) {
            String device = s.getTags().get("device");
            for (List<Object> row : s.getValues()) {
                if (row.get(1) != null) {
                    out.put(device, new StoredPoint(site, null, device, point, Instant.ofEpochMilli(((Number) row.get(0)).longValue()),
                            ((Number) row.get(1)).doubleValue(), null, "good", null));
                }
            }
        }
        return out;
    }

    private static String select(String what, String site, String device, String point) {
        return "SELECT " + what + " FROM " + MEASUREMENT + " WHERE site = " + literal(site) + " AND device = " + literal(device)
                + (point == null ? "" : " AND point = " + literal(point));
    }

    private static String range(Instant from, Instant to) {
        return " AND time >= " + nanos(from) + " AND time < " + nanos(to);
    }

    private static String nanos(Instant t) {
        return t.toEpochMilli() + "ms";
    }

    private List<StoredPoint> points(String site, String device, String q) {
        List<StoredPoint> out = new ArrayList<>();
        for (QueryResult.Series s : run(q)) {
            out.addAll(rows(site, device, s));
        }
        return out;
    }

    private static List<StoredPoint> rows(String site, String device, QueryResult.Series s) {
        List<StoredPoint> out = new ArrayList<>();
        List<String> cols = s.getColumns();
        Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
        for (List<Object> row : s.getValues()) {
            String point = tags.containsKey("point") ? tags.get("point") : (String) row.get(cols.indexOf("point"));
            Object value = row.get(cols.indexOf("value"));
            int b = cols.indexOf("building");
            out.add(new StoredPoint(site, b < 0 ? null : (String) row.get(b), device, point,
                    Instant.ofEpochMilli(((Number) row.get(0)).longValue()),
                    value == null ? null : ((Number) value).doubleValue(), str(row, cols, "text"), str(row, cols, "quality"),
                    str(row, cols, "reason")));
        }
        return out;
    }

    private List<QueryResult.Series> run(String q) {
        List<QueryResult.Series> out = new ArrayList<>();
        runEach(q, 1).forEach(out::addAll);
        return out;
    }

    /** The series of each of the {@code statements} statements of {@code q}, in order. */
    private List<List<QueryResult.Series>> runEach(String q, int statements) {
        QueryResult r;
        try {
            r = influx.query(new Query(q, database), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // InfluxDB unreachable (the client throws its own runtime exceptions): the store is unavailable, not broken
            throw new StoreUnavailableException("InfluxDB query failed: " + e.getMessage(), e);
        }
        if (r.hasError()) {
            throw new StoreUnavailableException("InfluxDB query failed: " + r.getError(), null);
        }
        List<List<QueryResult.Series>> out = new ArrayList<>();
        for (QueryResult.Result res : r.getResults()) {
            if (res.hasError()) {
                throw new StoreUnavailableException("InfluxDB query failed: " + res.getError(), null);
            }
            out.add(res.getSeries() == null ? List.of() : res.getSeries());
        }
        if (out.size() != statements) {
            throw new StoreUnavailableException("InfluxDB answered " + out.size() + " results to " + statements + " statements", null);
        }
        return out;
    }

    private static String str(List<Object> row, List<String> cols, String name) {
        int i = cols.indexOf(name);
        return i < 0 || row.get(i) == null ? null : row.get(i).toString();
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /** InfluxQL string literal: ids come from the registry, but quoting never trusts that. */
    static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String identifier(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String kind() {
        return "influxdb";
    }

    @Override
    public void close() {
        influx.close();
    }
}
