package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.energy.MeterTree;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the energy rollups (each meter's use per local hour and day) as readings are stored: a read model fed by
 * ingest's {@link TelemetryEvent.ReadingsStored} events, never recomputed per page view. One thread owns the state,
 * so a meter's readings are taken in one at a time and in order. The time series stays the truth: at start, after a
 * crash, when events came faster than they could be queued, and for a reading older than one already taken in (a
 * gateway's late replay, a manual reading), the rollup reads what it missed from the store, or works a meter's hours
 * out again from there.
 */
public final class Rollups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Rollups.class);
    /** Events waiting for the rollup thread; past this, a meter is marked and its readings read from the store later. */
    static final int QUEUE_CAPACITY = 100_000;
    private static final int PAGE = 20_000;
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(5);

    /** What happened in a rebuild: how many meters, how many readings were walked. */
    public record Rebuilt(String site, Instant from, int meters, long readings) {
    }

    /** A meter's readings from one event; {@code seq} orders it against the rollup's walks through the store. */
    private record Readings(DeviceKey device, List<HourlyPieces.Reading> readings, long seq) {
    }

    private record Task(Runnable run) {
    }

    /** One meter as the rollup thread knows it. */
    private static final class Meter {
        final DeviceKey key;
        final String point;
        final BigDecimal limit;
        final HourlyPieces pieces;
        final ZoneId zone;
        HourlyPieces.Reading position;
        /** The local hour the position falls in, and its day: kept, as most readings fall in the same hour. */
        Instant hour;
        Instant hourEnd;
        LocalDate day;
        Instant lateFrom;
        /** Events queued before this number were stored before the meter's last walk through the store began. */
        long walkedSeq;

        Meter(DeviceKey key, String point, BigDecimal limit, ZoneId zone, HourlyPieces pieces) {
            this.key = key;
            this.point = point;
            this.limit = limit;
            this.zone = zone;
            this.pieces = pieces;
        }
    }

    private record HourKey(DeviceKey device, Instant hour) {
    }

    private record DayKey(DeviceKey device, LocalDate day) {
    }

    private final RollupStore store;
    private final TimeSeriesStore series;
    private final Supplier<Set<String>> sites;
    private final Function<String, Optional<MeterTree>> trees;
    private final Function<String, ZoneId> zones;
    private final Duration tolerance;
    private final BigDecimal band;
    private final Clock clock;
    private final BlockingQueue<Object> queue;
    private final Set<DeviceKey> overflowed = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong overflows = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    /** Read by ingest's thread to filter events; replaced whole by the rollup thread. */
    private volatile Map<DeviceKey, String> counters = Map.of();
    private final Map<DeviceKey, Meter> meters = new HashMap<>();
    private final Map<HourKey, RollupStore.Increment> hours = new LinkedHashMap<>();
    private final Map<DayKey, RollupStore.DayIncrement> days = new LinkedHashMap<>();
    private final Set<DeviceKey> moved = new java.util.HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long taken;

    public Rollups(RollupStore store, TimeSeriesStore series, Supplier<Set<String>> sites, Function<String, Optional<MeterTree>> trees,
                   Function<String, ZoneId> zones, Duration tolerance, BigDecimal rolloverBand, Clock clock) {
        this(store, series, sites, trees, zones, tolerance, rolloverBand, clock, QUEUE_CAPACITY);
    }

    /** With a queue of {@code queueCapacity} events (a test fills a small one). */
    Rollups(RollupStore store, TimeSeriesStore series, Supplier<Set<String>> sites, Function<String, Optional<MeterTree>> trees,
            Function<String, ZoneId> zones, Duration tolerance, BigDecimal rolloverBand, Clock clock, int queueCapacity) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.store = store;
        this.series = series;
        this.sites = sites;
        this.trees = trees;
        this.zones = zones;
        this.tolerance = tolerance;
        this.band = rolloverBand;
        this.clock = clock;
        this.thread = new Thread(this::run, "energy-rollups");
        this.thread.setDaemon(true);
    }

    /** Loads the meters (subscribe to events first: what is stored meanwhile is then either read or queued). */
    public Rollups start() {
        loadMeters();
        thread.start();
        return this;
    }

    /** Ingest's events: a meter's good counter readings are queued for the rollup thread; everything else is ignored. */
    public void on(TelemetryEvent event) {
        if (event instanceof TelemetryEvent.ReadingsImported imported) {
            // an import may reach back before what was taken in: those meters are worked out again from there
            submit(() -> {
                imported.earliest().forEach((device, at) -> {
                    Meter m = meters.get(new DeviceKey(imported.site(), device));
                    if (m != null) {
                        m.lateFrom = m.lateFrom == null || at.isBefore(m.lateFrom) ? at : m.lateFrom;
                    }
                });
                return null;
            });
            return;
        }
        if (!(event instanceof TelemetryEvent.ReadingsStored stored)) {
            return;
        }
        String point = counters.get(stored.device());
        if (point == null) {
            return;
        }
        List<HourlyPieces.Reading> readings = null;
        for (StoredPoint p : stored.points()) {
            if (p.point().equals(point)) {
                Optional<HourlyPieces.Reading> r = reading(p);
                if (r.isPresent()) {
                    if (readings == null) {
                        readings = new ArrayList<>();
                    }
                    readings.add(r.get());
                }
            }
        }
        if (readings != null && !queue.offer(new Readings(stored.device(), readings, queued.incrementAndGet()))) {
            overflowed.add(stored.device()); // read from the store once the queue has room: nothing is lost, only later
            overflows.incrementAndGet();
        }
    }

    /** Batches of readings that found the queue full, so that their meters were read from the store instead. */
    public long overflows() {
        return overflows.get();
    }

    /** The site files changed: meters may have come or gone. */
    public void sitesChanged() {
        submit(() -> {
            loadMeters();
            return null;
        });
    }

    /** CPU time of the rollup thread so far, in nanoseconds (0 where the JVM does not measure it). */
    public long cpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t = threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(thread.getId()) : -1;
        return Math.max(0, t);
    }

    /** Readings taken in since the start. */
    public long readingsTaken() {
        return taken;
    }

    public int queued() {
        return queue.size();
    }

    /**
     * Works every meter's rollup of {@code site} out again from the time series, from the local hour of {@code from}
     * on, and waits for it.
     */
    public CompletableFuture<Rebuilt> rebuild(String site, Instant from) {
        return submit(() -> {
            long walked = 0;
            int n = 0;
            flush();
            for (Meter m : List.copyOf(meters.values())) {
                if (m.key.site().equals(site)) {
                    walked += rebuild(m, from);
                    n++;
                }
            }
            LOG.info("event=rollup-rebuilt site={} from={} meters={} readings={}", site, from, n, walked);
            return new Rebuilt(site, from, n, walked);
        });
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Task t = new Task(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            queue.put(t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.completeExceptionally(e);
        }
        return f;
    }

    private void run() {
        try {
            catchUpAll();
        } catch (RuntimeException e) {
            LOG.warn("event=rollup-catch-up-failed reason=\"{}\"", message(e), e);
        }
        List<Object> batch = new ArrayList<>();
        long lastFlush = System.nanoTime();
        while (running) {
            try {
                Object first = queue.poll(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, 10_000);
                }
                for (Object o : batch) {
                    if (o instanceof Readings r) {
                        take(r);
                    } else if (o instanceof Task t) {
                        flush();
                        t.run().run();
                    }
                }
                batch.clear();
                // one transaction every few seconds, whatever the rate: each adds to a meter's hour once, however many readings it took in
                if (System.nanoTime() - lastFlush >= FLUSH_EVERY.toNanos() || hours.size() > 50_000) {
                    flush();
                    lastFlush = System.nanoTime();
                    rebuildLate();
                    catchUpOverflowed();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the pending increments were not stored: drop them and read those meters again from their stored positions
                LOG.warn("event=rollup-failed reason=\"{}\"", message(e), e);
                hours.clear();
                days.clear();
                moved.clear();
                batch.clear();
                reloadPositions();
                sleep();
            }
        }
    }

    private void loadMeters() {
        Map<DeviceKey, Meter> fresh = new HashMap<>();
        Map<DeviceKey, String> points = new HashMap<>();
        for (String site : sites.get()) {
            Optional<MeterTree> tree;
            try {
                tree = trees.apply(site);
            } catch (RuntimeException e) {
                // one site's tree that cannot be read must not stop the others' rollups, nor the hub
                LOG.warn("event=rollup-site-skipped site={} reason=\"{}\"", site, message(e), e);
                continue;
            }
            if (tree.isEmpty()) {
                continue;
            }
            ZoneId zone = zones.apply(site);
            HourlyPieces pieces = new HourlyPieces(zone, tolerance, band);
            for (MeterTree.Meter m : tree.get().meters()) {
                DeviceKey key = new DeviceKey(site, m.device());
                Meter known = meters.get(key);
                Meter meter = known != null && known.point.equals(m.counter()) && known.zone.equals(zone) ? known
                        : new Meter(key, m.counter(), m.rollover(), zone, pieces);
                fresh.put(key, meter);
                points.put(key, m.counter());
            }
        }
        boolean added = fresh.keySet().stream().anyMatch(k -> !meters.containsKey(k));
        meters.clear();
        meters.putAll(fresh);
        counters = Map.copyOf(points);
        if (added && thread.isAlive()) {
            catchUpAll();
        }
    }

    private void reloadPositions() {
        try {
            for (String site : sites.get()) {
                Map<String, RollupStore.Position> stored = store.positions(site);
                meters.values().stream().filter(m -> m.key.site().equals(site)).forEach(m -> {
                    RollupStore.Position p = stored.get(m.key.device());
                    m.position = p != null && p.point().equals(m.point) ? p.reading() : null;
                });
            }
            meters.values().forEach(m -> overflowed.add(m.key));
        } catch (RuntimeException e) {
            LOG.warn("event=rollup-positions-unreadable reason=\"{}\"", message(e));
        }
    }

    /** Every meter: its stored position, then what the store holds after it. */
    private void catchUpAll() {
        long started = System.nanoTime();
        long walked = 0;
        for (String site : sites.get()) {
            Map<String, RollupStore.Position> stored = store.positions(site);
            for (Meter m : meters.values()) {
                if (!m.key.site().equals(site)) {
                    continue;
                }
                RollupStore.Position p = stored.get(m.key.device());
                if (p != null && !p.point().equals(m.point)) {
                    walked += rebuild(m, Instant.EPOCH); // the site file now reads another counter of this meter
                    continue;
                }
                m.position = p == null ? null : p.reading();
                walked += catchUp(m);
            }
        }
        LOG.info("event=rollup-caught-up meters={} readings={} tookMs={}", meters.size(), walked, (System.nanoTime() - started) / 1_000_000);
    }

    /** Takes in what the store holds after the meter's position, a page at a time. */
    private long catchUp(Meter m) {
        m.walkedSeq = queued.get() + 1;
        return walk(m, m.position == null ? Instant.EPOCH : m.position.at().plusMillis(1), r -> step(m, r), this::flush);
    }

    /**
     * Every good numeric reading of the meter's counter in the store from {@code after} on, oldest first, a page at a
     * time ({@code pageDone} after each); how many there were.
     */
    private long walk(Meter m, Instant after, java.util.function.Consumer<HourlyPieces.Reading> each, Runnable pageDone) {
        long walked = 0;
        while (true) {
            List<StoredPoint> page = series.history(m.key.site(), m.key.device(), m.point, after, clock.instant().plus(Duration.ofDays(1)), PAGE);
            for (StoredPoint p : page) {
                Optional<HourlyPieces.Reading> r = reading(p);
                if (r.isPresent()) {
                    each.accept(r.get());
                    walked++;
                }
            }
            pageDone.run();
            if (page.size() < PAGE) {
                return walked;
            }
            after = page.get(page.size() - 1).time().plusMillis(1);
        }
    }

    /** A stored point as a counter reading: only good, finite numbers count. */
    private static Optional<HourlyPieces.Reading> reading(StoredPoint p) {
        return p.isGood() && p.number() != null && Double.isFinite(p.number())
                ? Optional.of(new HourlyPieces.Reading(p.time(), BigDecimal.valueOf(p.number()))) : Optional.empty();
    }

    private void catchUpOverflowed() {
        if (overflowed.isEmpty()) {
            return;
        }
        for (DeviceKey k : List.copyOf(overflowed)) {
            overflowed.remove(k);
            Meter m = meters.get(k);
            if (m != null) {
                catchUp(m);
            }
        }
    }

    private void take(Readings r) {
        Meter m = meters.get(r.device());
        if (m == null) {
            return;
        }
        if (overflowed.contains(r.device())) {
            // an earlier batch of this meter found the queue full: taking this later one first would step over the
            // readings in between (and, before its first reading, lose them); the catch-up reads them all in order
            return;
        }
        List<HourlyPieces.Reading> sorted = new ArrayList<>(r.readings());
        sorted.sort(java.util.Comparator.comparing(HourlyPieces.Reading::at));
        for (HourlyPieces.Reading reading : sorted) {
            if (m.position != null && reading.at().isBefore(m.position.at())) {
                if (r.seq() < m.walkedSeq) {
                    continue; // stored before the walk through the store that took it in
                }
                m.lateFrom = m.lateFrom == null || reading.at().isBefore(m.lateFrom) ? reading.at() : m.lateFrom;
            } else {
                step(m, reading);
            }
        }
    }

    private void step(Meter m, HourlyPieces.Reading reading) {
        if (m.position != null) {
            if (!reading.at().isAfter(m.position.at())) {
                return; // already taken in
            }
            if (m.hour == null || m.position.at().isBefore(m.hour) || !m.position.at().isBefore(m.hourEnd)) {
                m.hour = m.pieces.hourOf(m.position.at());
                m.hourEnd = m.pieces.nextHour(m.hour);
                m.day = LocalDate.ofInstant(m.hour, m.zone);
            }
            HourlyPieces.Step s = m.pieces.between(m.position, reading, m.limit, m.hour, m.hourEnd);
            for (HourlyPieces.Piece p : s.pieces()) {
                add(m, p);
            }
            if (s.anomaly()) {
                LOG.info("event=rollup-counter-fell site={} device={} from={} to={} at={}", m.key.site(), m.key.device(), m.position.value(), reading.value(),
                        reading.at());
            }
        }
        m.position = reading;
        moved.add(m.key);
        taken++;
    }

    private void add(Meter m, HourlyPieces.Piece p) {
        hours.merge(new HourKey(m.key, p.hour()), RollupStore.Increment.of(m.key.device(), p), RollupStore.Increment::plus);
        LocalDate day = p.hour().equals(m.hour) ? m.day : LocalDate.ofInstant(p.hour(), m.zone);
        days.merge(new DayKey(m.key, day), new RollupStore.DayIncrement(m.key.device(), day, p.usage(), p.estimated()),
                RollupStore.DayIncrement::plus);
    }

    private void flush() {
        if (moved.isEmpty() && hours.isEmpty()) {
            return;
        }
        Map<String, List<RollupStore.Increment>> h = new HashMap<>();
        hours.forEach((k, v) -> h.computeIfAbsent(k.device().site(), s -> new ArrayList<>()).add(v));
        Map<String, List<RollupStore.DayIncrement>> d = new HashMap<>();
        days.forEach((k, v) -> d.computeIfAbsent(k.device().site(), s -> new ArrayList<>()).add(v));
        Map<String, Map<String, RollupStore.Position>> p = new HashMap<>();
        for (DeviceKey k : moved) {
            Meter m = meters.get(k);
            if (m != null && m.position != null) {
                p.computeIfAbsent(k.site(), s -> new HashMap<>()).put(k.device(), new RollupStore.Position(m.point, m.position));
            }
        }
        Set<String> touched = new java.util.HashSet<>(h.keySet());
        touched.addAll(p.keySet());
        for (String site : touched) {
            store.apply(site, h.getOrDefault(site, List.of()), d.getOrDefault(site, List.of()), p.getOrDefault(site, Map.of()));
        }
        hours.clear();
        days.clear();
        moved.clear();
    }

    private void rebuildLate() {
        // one line per site and pass: an import of a reading round touches every meter of the site
        Map<String, Integer> rebuilt = new java.util.TreeMap<>();
        Map<String, Instant> earliest = new HashMap<>();
        for (Meter m : meters.values()) {
            if (m.lateFrom != null) {
                Instant late = m.lateFrom;
                m.lateFrom = null;
                // the step into the late reading starts at the reading before it, possibly hours earlier (a gap it fills)
                Instant from = series.lastGoodAtOrBefore(m.key.site(), m.key.device(), m.point, late.minusMillis(1)).map(StoredPoint::time).orElse(late);
                LOG.debug("event=rollup-late-reading site={} device={} at={} rebuiltFrom={}", m.key.site(), m.key.device(), late, m.pieces.hourOf(from));
                rebuild(m, from);
                rebuilt.merge(m.key.site(), 1, Integer::sum);
                earliest.merge(m.key.site(), late, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        rebuilt.forEach((site, n) -> LOG.info("event=rollup-late-readings site={} meters={} earliest={}", site, n, earliest.get(site)));
    }

    /**
     * One meter's hours from the local hour of {@code from} on, worked out again from every reading in the store since
     * the last one at or before that hour (pending increments must have been flushed).
     */
    private long rebuild(Meter m, Instant from) {
        Instant cut = m.pieces.hourOf(from);
        m.walkedSeq = queued.get() + 1;
        HourlyPieces.Reading[] previous = {series.lastGoodAtOrBefore(m.key.site(), m.key.device(), m.point, cut).flatMap(Rollups::reading).orElse(null)};
        Map<Instant, RollupStore.Increment> rebuilt = new LinkedHashMap<>();
        long walked = walk(m, previous[0] == null ? Instant.EPOCH : previous[0].at().plusMillis(1), reading -> {
            if (previous[0] != null) {
                for (HourlyPieces.Piece piece : m.pieces.between(previous[0], reading, m.limit).pieces()) {
                    if (!piece.hour().isBefore(cut)) {
                        rebuilt.merge(piece.hour(), RollupStore.Increment.of(m.key.device(), piece), RollupStore.Increment::plus);
                    }
                }
            }
            previous[0] = reading;
        }, () -> { });
        store.replaceFrom(m.key.site(), m.key.device(), cut, m.zone, rebuilt.values(), previous[0] == null ? null : new RollupStore.Position(m.point, previous[0]));
        m.position = previous[0];
        return walked;
    }

    private static String message(Exception e) {
        return String.valueOf(e.getMessage()).replace('"', '\'');
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
