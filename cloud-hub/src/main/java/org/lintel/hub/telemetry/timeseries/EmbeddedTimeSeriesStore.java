package org.lintel.hub.telemetry.timeseries;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's built-in time-series store, so that a trial needs no InfluxDB: every batch is appended to a write-ahead
 * log and forced to disk before {@link #write} returns, and all series are held in memory in compact column arrays.
 * At start the log is replayed; a torn last batch (a crash mid-write) is cut off, since it was never acknowledged.
 *
 * <p>Limits, by design: the whole history must fit in memory (about 17 bytes a point plus the log on disk).
 * {@link #thin} keeps old raw points from growing it forever; production deployments with years of history use
 * InfluxDB.
 */
public final class EmbeddedTimeSeriesStore implements TimeSeriesStore {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTimeSeriesStore.class);
    private static final String[] QUALITIES = {"good", "uncertain", "bad"};
    private static final String COMPACTING = "timeseries.wal.compacting";

    private final Map<String, Map<String, Series>> byDevice = new ConcurrentHashMap<>();
    /** Replaced when {@link #thin} rewrites the log; every use holds {@link #lock}. */
    private FileChannel log;
    private final Object lock = new Object();
    private final Path file;

    private EmbeddedTimeSeriesStore(Path file, FileChannel log) {
        this.file = file;
        this.log = log;
    }

    /** Opens (replaying) or creates the store in {@code folder}. */
    public static EmbeddedTimeSeriesStore open(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("timeseries.wal");
            // a rewrite that a crash interrupted before its rename: the log it was to replace is whole
            Files.deleteIfExists(folder.resolve(COMPACTING));
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            EmbeddedTimeSeriesStore store = new EmbeddedTimeSeriesStore(file, ch);
            store.replay();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded time-series store in " + folder + ": " + e.getMessage(), e);
        }
    }

    private void replay() throws IOException {
        long size = log.size();
        long[] points = {0};
        long pos = wholeBatches(log, size, record -> points[0] += apply(java.util.Arrays.copyOfRange(record.array(), 4, record.limit() - 8)));
        if (pos < size) {
            LOG.warn("event=timeseries-log-truncated file={} at={} discardedBytes={} reason=torn-or-corrupt-batch", file, pos, size - pos);
            log.truncate(pos);
        }
        log.position(pos);
        LOG.info("event=timeseries-replayed file={} points={} series={}", file, points[0], byDevice.values().stream().mapToInt(Map::size).sum());
    }

    @Override
    public void write(List<StoredPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        byte[] bytes = encode(points);
        ByteBuffer buf = frame(bytes);
        synchronized (lock) {
            try {
                while (buf.hasRemaining()) {
                    log.write(buf);
                }
                log.force(false);
            } catch (IOException e) {
                throw new StoreUnavailableException("embedded store log " + file + ": " + e.getMessage(), e);
            }
            apply(bytes);
        }
    }

    private static byte[] encode(List<StoredPoint> points) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(points.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(points.size());
            for (StoredPoint p : points) {
                out.writeUTF(p.site());
                out.writeUTF(p.building() == null ? "" : p.building());
                out.writeUTF(p.device());
                out.writeUTF(p.point());
                out.writeLong(p.time().toEpochMilli());
                out.writeByte(quality(p.quality()));
                out.writeByte((p.number() != null ? 1 : 0) | (p.text() != null ? 2 : 0) | (p.reason() != null ? 4 : 0));
                if (p.number() != null) {
                    out.writeDouble(p.number());
                }
                if (p.text() != null) {
                    out.writeUTF(p.text());
                }
                if (p.reason() != null) {
                    out.writeUTF(p.reason());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private int apply(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String site = in.readUTF();
                String building = in.readUTF();
                String device = in.readUTF();
                String point = in.readUTF();
                long time = in.readLong();
                byte quality = in.readByte();
                int flags = in.readByte();
                Double number = (flags & 1) != 0 ? in.readDouble() : null;
                String text = (flags & 2) != 0 ? in.readUTF() : null;
                String reason = (flags & 4) != 0 ? in.readUTF() : null;
                series(site, building.isEmpty() ? null : building, device, point).put(time, number, text, quality, reason);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Series series(String site, String building, String device, String point) {
        return byDevice.computeIfAbsent(site + '\u0000' + device, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(point, k -> new Series(site, building, device, point));
    }

    private Optional<Series> find(String site, String device, String point) {
        Map<String, Series> points = byDevice.get(site + '\u0000' + device);
        return Optional.ofNullable(points == null ? null : points.get(point));
    }

    private static byte quality(String q) {
        return (byte) switch (q) {
            case "good" -> 0;
            case "uncertain" -> 1;
            default -> 2;
        };
    }

    private static StoredPoint at(Series s, int i) {
        double n = s.number(i);
        return new StoredPoint(s.site, s.building, s.device, s.point, Instant.ofEpochMilli(s.time(i)), Double.isNaN(n) ? null : n,
                s.text(i), QUALITIES[s.quality(i)], s.reason(i));
    }

    @Override
    public List<StoredPoint> latest(String site, String device) {
        Map<String, Series> points = byDevice.getOrDefault(site + '\u0000' + device, Map.of());
        List<StoredPoint> out = new ArrayList<>();
        for (Series s : points.values()) {
            synchronized (s) {
                if (s.size() > 0) {
                    out.add(at(s, s.size() - 1));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(StoredPoint::point));
        return out;
    }

    @Override
    public List<StoredPoint> history(String site, String device, String point, Instant from, Instant to, int limit) {
        List<StoredPoint> out = new ArrayList<>();
        find(site, device, point).ifPresent(s -> {
            synchronized (s) {
                long end = to.toEpochMilli();
                for (int i = s.lowerBound(from.toEpochMilli()); i < s.size() && s.time(i) < end && out.size() < limit; i++) {
                    out.add(at(s, i));
                }
            }
        });
        return out;
    }

    @Override
    public List<Bucket> downsample(String site, String device, String point, Instant from, Instant to, Duration bucket, ZoneOffset local) {
        List<Bucket> out = new ArrayList<>();
        long width = bucket.toMillis();
        long shift = local.getTotalSeconds() * 1000L; // local midnight is UTC midnight minus the offset
        find(site, device, point).ifPresent(s -> {
            synchronized (s) {
                long end = to.toEpochMilli();
                long current = Long.MIN_VALUE;
                double min = 0, max = 0, sum = 0, last = 0;
                long count = 0;
                for (int i = s.lowerBound(from.toEpochMilli()); i < s.size() && s.time(i) < end; i++) {
                    double v = s.number(i);
                    if (Double.isNaN(v) || s.quality(i) != 0) {
                        continue;
                    }
                    long start = Math.floorDiv(s.time(i) + shift, width) * width - shift;
                    if (start != current) {
                        if (count > 0) {
                            out.add(new Bucket(Instant.ofEpochMilli(current), min, max, sum / count, last, count));
                        }
                        current = start;
                        min = v;
                        max = v;
                        sum = 0;
                        count = 0;
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                    last = v;
                    count++;
                }
                if (count > 0) {
                    out.add(new Bucket(Instant.ofEpochMilli(current), min, max, sum / count, last, count));
                }
            }
        });
        return out;
    }

    @Override
    public Optional<StoredPoint> lastGoodAtOrBefore(String site, String device, String point, Instant at) {
        return find(site, device, point).flatMap(s -> {
            synchronized (s) {
                int i = s.lowerBound(at.toEpochMilli() + 1) - 1;
                for (; i >= 0; i--) {
                    if (s.quality(i) == 0 && !Double.isNaN(s.number(i))) {
                        return Optional.of(at(s, i));
                    }
                }
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<StoredPoint> firstGoodAtOrAfter(String site, String device, String point, Instant at) {
        return find(site, device, point).flatMap(s -> {
            synchronized (s) {
                for (int i = s.lowerBound(at.toEpochMilli()); i < s.size(); i++) {
                    if (s.quality(i) == 0 && !Double.isNaN(s.number(i))) {
                        return Optional.of(at(s, i));
                    }
                }
                return Optional.empty();
            }
        });
    }

    @Override
    public Map<String, StoredPoint> lastGoodAtOrBefore(String site, String point, Instant at) {
        Map<String, StoredPoint> out = new java.util.HashMap<>();
        siteSeries(site, point).forEach(s -> lastGoodAtOrBefore(site, s.device, point, at).ifPresent(p -> out.put(s.device, p)));
        return out;
    }

    @Override
    public Map<String, StoredPoint> firstGoodAtOrAfter(String site, String point, Instant at) {
        Map<String, StoredPoint> out = new java.util.HashMap<>();
        siteSeries(site, point).forEach(s -> firstGoodAtOrAfter(site, s.device, point, at).ifPresent(p -> out.put(s.device, p)));
        return out;
    }

    @Override
    public Map<String, CounterRun> counterRuns(String site, String point, Instant from, Instant to) {
        Map<String, CounterRun> out = new java.util.HashMap<>();
        long end = to.toEpochMilli();
        for (Series s : siteSeries(site, point)) {
            synchronized (s) {
                int first = -1;
                int last = -1;
                boolean falls = false;
                for (int i = s.lowerBound(from.toEpochMilli()); i < s.size() && s.time(i) < end; i++) {
                    if (s.quality(i) != 0 || Double.isNaN(s.number(i))) {
                        continue;
                    }
                    if (first < 0) {
                        first = i;
                    } else if (s.number(i) < s.number(last)) {
                        falls = true;
                    }
                    last = i;
                }
                if (first >= 0) {
                    out.put(s.device, new CounterRun(at(s, first), at(s, last), falls));
                }
            }
        }
        return out;
    }

    private List<Series> siteSeries(String site, String point) {
        String prefix = site + '\u0000';
        List<Series> out = new ArrayList<>();
        byDevice.forEach((key, points) -> {
            Series s = key.startsWith(prefix) ? points.get(point) : null;
            if (s != null) {
                out.add(s);
            }
        });
        return out;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    /** What one {@link #thin} did: points before and after, and the log's size before and after. */
    public record Thinning(long pointsBefore, long pointsAfter, long bytesBefore, long bytesAfter) {
    }

    /**
     * Thins every series' points older than {@code cutoff} (see {@link Series#thin}: each local hour keeps its first,
     * last, lowest and highest good value, and every change of state or quality), then rewrites the log with what is
     * left: written to a new file, forced to disk and renamed over the old one, so that a crash at any moment leaves one
     * whole log. Writes wait meanwhile; readers see each series either before or after.
     */
    public Thinning thin(Instant cutoff, java.util.function.Function<String, java.time.ZoneId> siteZone) {
        synchronized (lock) {
            try {
                long bytesBefore = log.size();
                long before = 0;
                long removed = 0;
                List<Series> all = new ArrayList<>();
                for (Map<String, Series> points : byDevice.values()) {
                    for (Series s : points.values()) {
                        before += s.size();
                        removed += s.thin(cutoff.toEpochMilli(), siteZone.apply(s.site));
                        all.add(s);
                    }
                }
                if (removed == 0) {
                    return new Thinning(before, before, bytesBefore, bytesBefore);
                }
                Path compacting = file.resolveSibling(COMPACTING);
                try (FileChannel out = FileChannel.open(compacting, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    List<StoredPoint> batch = new ArrayList<>(10_000);
                    for (Series s : all) {
                        s.forEach(i -> {
                            batch.add(at(s, i));
                            if (batch.size() == 10_000) {
                                append(out, batch);
                                batch.clear();
                            }
                        });
                    }
                    append(out, batch);
                    out.force(true);
                }
                log.close();
                Files.move(compacting, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
                log = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                log.position(log.size());
                Thinning t = new Thinning(before, before - removed, bytesBefore, log.size());
                LOG.info("event=timeseries-thinned cutoff={} pointsBefore={} pointsAfter={} bytesBefore={} bytesAfter={}", cutoff,
                        t.pointsBefore(), t.pointsAfter(), t.bytesBefore(), t.bytesAfter());
                return t;
            } catch (IOException e) {
                throw new StoreUnavailableException("embedded store log " + file + " could not be rewritten: " + e.getMessage(), e);
            }
        }
    }

    /** What is done with one whole batch of the log: its frame (length, encoded points, CRC-32), positioned at its start. */
    @FunctionalInterface
    private interface Batch {
        void accept(ByteBuffer record) throws IOException;
    }

    /**
     * Hands each whole batch of the log's first {@code size} bytes to {@code each}, in order, and returns where the whole
     * batches end: a torn or corrupt batch (a crash mid-write) and whatever follows it are left out.
     */
    private static long wholeBatches(FileChannel in, long size, Batch each) throws IOException {
        long pos = 0;
        ByteBuffer head = ByteBuffer.allocate(4);
        while (pos + 4 <= size) {
            head.clear();
            in.read(head, pos);
            int len = head.flip().getInt();
            if (len <= 0 || pos + 4 + len + 8 > size) {
                break;
            }
            ByteBuffer record = ByteBuffer.allocate(4 + len + 8);
            while (record.hasRemaining() && in.read(record, pos + record.position()) > 0) {
                // a positional read may return fewer bytes than asked
            }
            record.flip();
            CRC32 crc = new CRC32();
            crc.update(record.array(), 4, len);
            if (crc.getValue() != record.getLong(4 + len)) {
                break;
            }
            each.accept(record);
            pos += 4 + len + 8;
        }
        return pos;
    }

    /** A batch as the log holds it: its length, the encoded points, their CRC-32. */
    private static ByteBuffer frame(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return ByteBuffer.allocate(4 + bytes.length + 8).putInt(bytes.length).put(bytes).putLong(crc.getValue()).flip();
    }

    private static void append(FileChannel out, List<StoredPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        ByteBuffer buf = frame(encode(points));
        try {
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the whole batches of a store's log to {@code to}, while the store may be writing it: the log only grows
     * (or is replaced whole by {@link #thin}, and the open file stays the old one), so the batches up to its size at
     * the start are a consistent store as of that moment. A torn last batch is left out, as a replay would. Returns the
     * points copied.
     */
    public static long copyLog(Path folder, Path to) {
        Path from = folder.resolve("timeseries.wal");
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long[] points = {0};
            wholeBatches(in, in.size(), record -> {
                points[0] += record.getInt(4);
                while (record.hasRemaining()) {
                    out.write(record);
                }
            });
            out.force(true);
            return points[0];
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("no embedded time-series log at " + from + ": is --data the hub's data folder?", e);
        } catch (IOException e) {
            throw new UncheckedIOException("copying the time-series log " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            synchronized (lock) {
                log.close();
            }
        } catch (IOException e) {
            LOG.warn("event=timeseries-close-failed file={} reason={}", file, e.getMessage());
        }
    }
}
