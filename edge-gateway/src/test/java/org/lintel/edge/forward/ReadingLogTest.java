package org.lintel.edge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/** The store-and-forward buffer: order, exactness, crash recovery, acknowledgement and its bound. */
class ReadingLogTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-22T02:00:00Z");

    private static List<Reading> batch(int i) {
        return List.of(
                new Reading("b1-0101-em", "voltage", new Value.Numeric(230 + i * 0.1), "V", Quality.GOOD, T.plusSeconds(i), T.plusSeconds(i)),
                new Reading("b1-0101-em", "energy.import.total", new Value.Numeric(5416.25 + i), "kWh", Quality.GOOD, T.plusSeconds(i), T.plusSeconds(i)),
                new Reading("b1-0101-em", "door.state", new Value.State("closed", "0"), null, Quality.GOOD, T.plusSeconds(i), T.plusSeconds(i)),
                Reading.failed("b1-0101-em", "current", "A", Quality.bad(QualityReason.TIMEOUT, "no answer"), T.plusSeconds(i)));
    }

    private static final boolean[] PRECIOUS = {false, true, true, false};

    @Test
    void readingsComeBackExactlyAndInOrder() throws Exception {
        try (ReadingLog log = ReadingLog.open(dir, 1 << 20, 64 << 10)) {
            for (int i = 1; i <= 100; i++) {
                assertEquals(i, log.append("b1-0101-em", i > 50, batch(i), PRECIOUS));
            }
            List<BufferedBatch> all = log.read(0, 1000);
            assertEquals(100, all.size());
            for (int i = 1; i <= 100; i++) {
                BufferedBatch b = all.get(i - 1);
                assertEquals(i, b.sequence());
                assertEquals(batch(i), b.readings());
                assertEquals(i > 50, b.historical());
            }
            assertEquals(List.of(51L, 52L), log.read(50, 2).stream().map(BufferedBatch::sequence).toList());
        }
    }

    @Test
    void theAcknowledgedPositionSurvivesAReopenAndConfirmedSegmentsAreFreed() throws Exception {
        try (ReadingLog log = ReadingLog.open(dir, 10 << 20, 4 << 10)) {
            for (int i = 1; i <= 500; i++) {
                log.append("b1-0101-em", false, batch(i), PRECIOUS);
            }
            long before = segments();
            log.acknowledge(400);
            assertTrue(segments() < before, "segments up to 400 are deleted");
        }
        try (ReadingLog log = ReadingLog.open(dir, 10 << 20, 4 << 10)) {
            assertEquals(400, log.acknowledged());
            assertEquals(500, log.lastSequence());
            assertEquals(100, log.backlog());
            assertEquals(401, log.read(log.acknowledged(), 10).get(0).sequence());
            assertEquals(501, log.append("b1-0101-em", false, batch(501), PRECIOUS), "numbering continues");
        }
    }

    private long segments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("seg-")).count();
        }
    }

    @Test
    void aTornRecordAtTheEndIsCutOnOpenAndEverythingBeforeItIsKept() throws Exception {
        try (ReadingLog log = ReadingLog.open(dir, 1 << 20, 1 << 20)) {
            for (int i = 1; i <= 10; i++) {
                log.append("b1-0101-em", false, batch(i), PRECIOUS);
            }
        }
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.getFileName().toString().startsWith("seg-")).findFirst().orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 11, 42, 42})); // a record cut short
        }
        try (ReadingLog log = ReadingLog.open(dir, 1 << 20, 1 << 20)) {
            assertEquals(10, log.lastSequence());
            assertEquals(10, log.read(0, 100).size());
            assertEquals(11, log.append("b1-0101-em", false, batch(11), PRECIOUS));
            assertEquals(batch(11), log.read(10, 1).get(0).readings());
        }
    }

    @Test
    void whenFullGaugesAreDroppedFirstAndCountersAndStatesKeptThenCounted() throws Exception {
        try (ReadingLog log = ReadingLog.open(dir, 64 << 10, 8 << 10)) {
            for (int i = 1; i <= 400; i++) {
                log.append("b1-0101-em", true, batch(i), PRECIOUS);
            }
            assertTrue(log.size() <= (64 << 10) + (8 << 10) + 512, "bounded: " + log.size());
            ReadingLog.Dropped d = log.dropped();
            assertTrue(d.gaugeReadings() > 0, "gauges were dropped: " + d);
            List<BufferedBatch> left = log.read(0, 10_000);
            long energy = left.stream().flatMap(b -> b.readings().stream()).filter(r -> r.point().equals("energy.import.total")).count();
            long voltage = left.stream().flatMap(b -> b.readings().stream()).filter(r -> r.point().equals("voltage")).count();
            assertTrue(energy > voltage, "counters outlive gauges: " + energy + " energy vs " + voltage + " voltage readings kept");
            long lost = 400 - energy;
            assertEquals(lost, d.preciousReadings() / 2, "every counter reading that is gone is counted (with its state reading)");
            // what is left is still in order
            List<Long> seqs = left.stream().map(BufferedBatch::sequence).toList();
            List<Long> sorted = new ArrayList<>(seqs);
            sorted.sort(null);
            assertEquals(sorted, seqs);
        }
    }

    @Test
    void killingTheWriterWithSigkillLosesNothingThatAppendReturnedFor() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BufferWriterChild.class.getName(),
                    dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Long> confirmed = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                String line;
                while ((line = out.readLine()) != null) {
                    confirmed.add(Long.parseLong(line));
                    if (confirmed.size() >= 2000 + round * 777) {
                        child.destroyForcibly(); // SIGKILL, mid-stream
                        break;
                    }
                }
            }
            child.waitFor();
            try (ReadingLog log = ReadingLog.open(dir, 64L << 20, 256 << 10)) {
                long last = confirmed.get(confirmed.size() - 1);
                assertTrue(log.lastSequence() >= last, "round " + round + ": confirmed up to " + last + ", recovered up to " + log.lastSequence());
                List<BufferedBatch> all = log.read(0, Integer.MAX_VALUE);
                for (int i = 0; i < all.size(); i++) {
                    BufferedBatch b = all.get(i);
                    assertEquals(i + 1, b.sequence(), "no gaps, no duplicates");
                    assertEquals(List.of(BufferWriterChild.expected(b.sequence())), b.readings());
                }
            }
        }
    }
}
