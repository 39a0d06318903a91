package org.lintel.edge.forward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.lintel.reading.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's store-and-forward buffer: a segmented write-ahead log on disk.
 *
 * <ul>
 *   <li><b>Durable on return.</b> {@link #append} returns once the record is on disk (fsync). Appends of concurrent
 *       threads are group-committed: one fsync covers every record written while the previous one ran.</li>
 *   <li><b>Crash-safe.</b> Each record is framed with its length, sequence number and CRC32; on open, a torn tail
 *       (a record cut by a crash) is found and cut off. Nothing that {@code append} returned for is lost.</li>
 *   <li><b>Acknowledged cursor.</b> {@link #acknowledge} persists the sequence the broker confirmed (write, fsync,
 *       atomic rename), so after a crash only records sent but not yet confirmed are sent again — once.</li>
 *   <li><b>Bounded.</b> Over {@code maxBytes}, the oldest closed segments are rewritten without their gauge
 *       readings first; only if that is not enough are the oldest segments dropped whole. Counters and state changes
 *       go last. {@link #dropped} counts what was lost.</li>
 * </ul>
 */
public final class ReadingLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingLog.class);
    private static final int HEADER = 4 + 8 + 4;

    /** What the drop policy has discarded so far. */
    public record Dropped(long gaugeReadings, long preciousReadings, long records) {
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<Segment> segments = new ArrayList<>();
    private final Object forceLock = new Object();
    private final AtomicLong written = new AtomicLong();
    private volatile long forced;
    private volatile long acknowledged;
    private long droppedGauges;
    private long droppedPrecious;
    private long droppedRecords;
    /** The segment being written. RandomAccessFile, not FileChannel: an interrupted caller must not close it. */
    private java.io.RandomAccessFile active;

    /** One file of the log; {@code first} is the sequence of its first record. */
    private static final class Segment {
        final Path file;
        final long first;
        long last;
        boolean compacted;

        Segment(Path file, long first) {
            this.file = file;
            this.first = first;
            this.last = first - 1;
        }
    }

    private ReadingLog(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens (or creates) the buffer in {@code dir}, recovering from any crash.
     *
     * @param maxBytes     the bound on disk use
     * @param segmentBytes the size at which a segment is closed and a new one started
     */
    public static ReadingLog open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        ReadingLog log = new ReadingLog(dir, maxBytes, segmentBytes);
        log.recover();
        return log;
    }

    private static String name(long first, boolean compacted) {
        return String.format("seg-%019d%s.log", first, compacted ? "-c" : "");
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("seg-\\d{19}(-c)?\\.log")).sorted().toList();
        }
        long lastSeq = 0;
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String n = f.getFileName().toString();
            Segment seg = new Segment(f, Long.parseLong(n.substring(4, 23)));
            seg.compacted = n.contains("-c");
            long valid = scan(seg);
            long size = Files.size(f);
            if (valid < size) {
                LOG.warn("event=buffer-torn-record-cut buffer={} segment={} validBytes={} size={}", dir, n, valid, size);
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(valid);
                    ch.force(true);
                }
            }
            if (seg.last >= seg.first) {
                lastSeq = Math.max(lastSeq, seg.last);
            }
            segments.add(seg);
        }
        written.set(lastSeq);
        forced = lastSeq;
        acknowledged = readCursor();
        if (segments.isEmpty() || segments.get(segments.size() - 1).compacted) {
            roll();
        } else {
            active = openForAppend(segments.get(segments.size() - 1).file);
        }
        deleteAcknowledged();
    }

    /** Sequential, buffered reader of the frames of one segment file. */
    private static final class FrameReader implements AutoCloseable {
        private final java.io.RandomAccessFile file;
        private final java.io.DataInputStream in;
        private final long size;
        long pos;
        long seq;
        int crc;
        byte[] payload;

        FrameReader(Path path, long start) throws IOException {
            file = new java.io.RandomAccessFile(path.toFile(), "r");
            size = file.length();
            pos = start;
            in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                    java.nio.channels.Channels.newInputStream(file.getChannel().position(start)), 256 << 10));
        }

        /** Reads the next whole frame; false at the end of the file or at a frame cut short. */
        boolean next() throws IOException {
            if (pos + HEADER > size) {
                return false;
            }
            int len = in.readInt();
            long s = in.readLong();
            int c = in.readInt();
            if (len < 0 || pos + HEADER + len > size) {
                return false;
            }
            byte[] body = new byte[len];
            in.readFully(body);
            seq = s;
            crc = c;
            payload = body;
            pos += HEADER + len;
            return true;
        }

        boolean valid() {
            return crc(seq, payload) == crc;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** Reads a segment's records to find its last sequence; returns the length of its valid prefix. */
    private long scan(Segment seg) throws IOException {
        try (FrameReader r = new FrameReader(seg.file, 0)) {
            long valid = 0;
            while (r.next() && r.valid()) {
                seg.last = r.seq;
                valid = r.pos;
            }
            return valid;
        }
    }

    private static int crc(long seq, byte[] payload) {
        CRC32 c = new CRC32();
        c.update(ByteBuffer.allocate(8).putLong(0, seq).array());
        c.update(payload);
        return (int) c.getValue();
    }

    private static java.io.RandomAccessFile openForAppend(Path file) throws IOException {
        java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw");
        f.seek(f.length());
        return f;
    }

    private void roll() throws IOException {
        if (active != null) {
            active.getFD().sync();
            active.close();
        }
        Segment seg = new Segment(dir.resolve(name(written.get() + 1, false)), written.get() + 1);
        segments.add(seg);
        active = openForAppend(seg.file);
    }

    /**
     * Appends the readings of one request and returns its sequence number once it is on disk.
     *
     * @param precious per reading, true for counters and state changes (kept longest when space runs out)
     */
    public long append(String deviceId, boolean historical, List<Reading> readings, boolean[] precious) {
        byte[] payload = RecordCodec.encode(deviceId, historical, readings, precious);
        long seq;
        java.io.RandomAccessFile ch;
        synchronized (this) {
            seq = written.get() + 1;
            ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
            frame.putInt(payload.length).putLong(seq).putInt(crc(seq, payload)).put(payload);
            try {
                active.write(frame.array());
                Segment current = segments.get(segments.size() - 1);
                current.last = seq;
                written.set(seq);
                if (active.length() >= segmentBytes) {
                    synchronized (forceLock) {
                        roll();
                        forced = seq; // roll() forced the closed segment
                    }
                    try {
                        enforceBound();
                    } catch (IOException | UncheckedIOException e) {
                        // the record is safely written; the bound is enforced again at the next roll
                        LOG.warn("event=buffer-bound-failed buffer={} reason=\"{}\"", dir, e.toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("buffer " + dir + ": cannot write", e);
            }
            ch = active;
        }
        sync(seq, ch);
        return seq;
    }

    /** Group commit: one fsync makes every record written so far durable; later callers find theirs already done. */
    private void sync(long seq, java.io.RandomAccessFile ch) {
        if (forced >= seq) {
            return;
        }
        synchronized (forceLock) {
            if (forced >= seq) {
                return;
            }
            long target = written.get();
            java.io.FileDescriptor fd;
            try {
                fd = ch.getFD();
            } catch (IOException e) {
                fd = null; // closed by a segment roll, which synced it first
            }
            if (fd != null && fd.valid()) {
                try {
                    fd.sync();
                } catch (java.io.SyncFailedException e) {
                    if (fd.valid()) {
                        throw new UncheckedIOException("buffer " + dir + ": cannot sync", e);
                    }
                }
            }
            forced = Math.max(forced, target);
        }
    }

    /** Where the last sequential read stopped, so the next one continues there instead of scanning the segment. */
    private Path cursorFile;
    private long cursorPos;
    private long cursorSeq = -1;

    /** Up to {@code max} durable records after sequence {@code after}, in order. */
    public synchronized List<BufferedBatch> read(long after, int max) {
        List<BufferedBatch> out = new ArrayList<>();
        long limit = forced;
        for (Segment seg : segments) {
            if (seg.last <= after || out.size() >= max) {
                continue;
            }
            boolean resume = seg.file.equals(cursorFile) && cursorSeq == after;
            try (FrameReader r = new FrameReader(seg.file, resume ? cursorPos : 0)) {
                while (out.size() < max && r.next() && r.seq <= limit) {
                    if (r.seq > after) {
                        out.add(RecordCodec.decode(r.seq, r.payload));
                    }
                    cursorFile = seg.file;
                    cursorPos = r.pos;
                    cursorSeq = r.seq;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("buffer " + dir + ": cannot read " + seg.file.getFileName(), e);
            }
        }
        return out;
    }

    /** Persists that the broker confirmed every record up to {@code seq}, and frees fully confirmed segments. */
    public synchronized void acknowledge(long seq) {
        if (seq <= acknowledged) {
            return;
        }
        try {
            Path tmp = dir.resolve("ack.tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.allocate(16).putLong(seq).putLong(~seq).flip());
                ch.force(false);
            }
            Files.move(tmp, dir.resolve("ack.pos"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            acknowledged = seq;
            deleteAcknowledged();
        } catch (IOException e) {
            throw new UncheckedIOException("buffer " + dir + ": cannot record the acknowledged position", e);
        }
    }

    private long readCursor() throws IOException {
        Path f = dir.resolve("ack.pos");
        if (!Files.exists(f)) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f));
        if (b.remaining() < 16) {
            return 0;
        }
        long seq = b.getLong();
        return b.getLong() == ~seq ? seq : 0;
    }

    private void deleteAcknowledged() throws IOException {
        while (segments.size() > 1 && segments.get(0).last <= acknowledged) {
            Files.deleteIfExists(segments.remove(0).file);
        }
    }

    /** Keeps the buffer under its bound: compact oldest closed segments (drop gauges), then drop oldest segments. */
    private void enforceBound() throws IOException {
        for (int i = 0; i < segments.size() - 1 && size() > maxBytes; i++) {
            Segment seg = segments.get(i);
            if (!seg.compacted) {
                compact(i);
            }
        }
        while (size() > maxBytes && segments.size() > 1) {
            Segment seg = segments.remove(0);
            for (BufferedBatch b : readSegment(seg)) {
                for (boolean p : b.precious()) {
                    if (p) {
                        droppedPrecious++;
                    } else {
                        droppedGauges++;
                    }
                }
                droppedRecords++;
            }
            Files.deleteIfExists(seg.file);
            LOG.warn("event=buffer-full-segment-dropped buffer={} segment={}", dir, seg.file.getFileName());
        }
    }

    private void compact(int index) throws IOException {
        Segment seg = segments.get(index);
        Path out = dir.resolve(name(seg.first, true));
        Path tmp = dir.resolve("compact.tmp");
        long last = seg.first - 1;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (BufferedBatch b : readSegment(seg)) {
                BufferedBatch kept = b.preciousOnly();
                droppedGauges += b.readings().size() - kept.readings().size();
                if (kept.readings().isEmpty()) {
                    droppedRecords++;
                    continue;
                }
                byte[] payload = RecordCodec.encode(kept.deviceId(), kept.historical(), kept.readings(), kept.precious());
                ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
                frame.putInt(payload.length).putLong(b.sequence()).putInt(crc(b.sequence(), payload)).put(payload).flip();
                while (frame.hasRemaining()) {
                    ch.write(frame);
                }
                last = b.sequence();
            }
            ch.force(false);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(seg.file);
        Segment c = new Segment(out, seg.first);
        c.last = Math.max(last, seg.last);
        c.compacted = true;
        segments.set(index, c);
    }

    private List<BufferedBatch> readSegment(Segment seg) throws IOException {
        List<BufferedBatch> out = new ArrayList<>();
        try (FrameReader r = new FrameReader(seg.file, 0)) {
            while (r.next()) {
                out.add(RecordCodec.decode(r.seq, r.payload));
            }
        }
        return out;
    }

    /** Bytes on disk. */
    public synchronized long size() {
        long total = 0;
        for (Segment s : segments) {
            try {
                total += Files.size(s.file);
            } catch (IOException e) {
                // a segment deleted concurrently counts as empty
            }
        }
        return total;
    }

    public long lastSequence() {
        return forced;
    }

    public long acknowledged() {
        return acknowledged;
    }

    /** Records not yet confirmed by the broker. */
    public long backlog() {
        return Math.max(0, forced - acknowledged);
    }

    public synchronized Dropped dropped() {
        return new Dropped(droppedGauges, droppedPrecious, droppedRecords);
    }

    @Override
    public synchronized void close() throws IOException {
        if (active != null) {
            active.getFD().sync();
            active.close();
            active = null;
        }
    }
}
