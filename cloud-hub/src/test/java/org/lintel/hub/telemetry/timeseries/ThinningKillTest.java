package org.lintel.hub.telemetry.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;

/**
 * The nightly thinning rewrites the embedded store's log; a process SIGKILLed at any moment of it must leave one whole
 * log: the one before (every point) or the one after (the thinned points), never a mix, and the hour boundaries that
 * bills read the same either way. The kills are placed by watching the rewrite's file: while it is being written,
 * and right after it was renamed over the log.
 */
class ThinningKillTest {

    private static final Instant START = Instant.parse("2026-09-30T16:00:00Z");
    private static final Instant CUTOFF = START.plus(Duration.ofDays(25));
    private static final int DEVICES = 40;
    private static final int DAYS = 28;
    private static Path pristine;
    private static long allPoints;
    private static long thinnedPoints;
    private static List<Double> boundaries;

    @BeforeAll
    static void aMonthOfMinuteReadings() throws IOException {
        pristine = TestFolders.passable("thinning-kill");
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(pristine)) {
            List<StoredPoint> batch = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                double energy = 1000 + d;
                for (int minute = 0; minute < DAYS * 24 * 60; minute++) {
                    energy += (minute % 60) / 1000.0;
                    batch.add(new StoredPoint("s1", "b1", "em-" + d, "energy.import.total", START.plusSeconds(60L * minute + 7), energy, null, "good", null));
                    if (batch.size() == 20_000) {
                        store.write(batch);
                        batch.clear();
                    }
                }
            }
            store.write(batch);
            allPoints = (long) DEVICES * DAYS * 24 * 60;
        }
        Path reference = copy("reference");
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(reference)) {
            boundaries = boundaries(store);
            thinnedPoints = store.thin(CUTOFF, site -> ZoneId.of("Asia/Shanghai")).pointsAfter();
            assertEquals(boundaries, boundaries(store), "thinning keeps every hour boundary");
        }
        assertTrue(thinnedPoints < allPoints / 5, "the reference thinning removed most points: " + thinnedPoints + " of " + allPoints);
    }

    /** What bills read: the last good value at or before each hour, for one meter over the whole month. */
    private static List<Double> boundaries(EmbeddedTimeSeriesStore store) {
        List<Double> out = new ArrayList<>();
        for (int hour = 1; hour < DAYS * 24; hour++) {
            out.add(store.lastGoodAtOrBefore("s1", "em-7", "energy.import.total", START.plus(Duration.ofHours(hour))).orElseThrow().number());
        }
        return out;
    }

    private static Path copy(String name) throws IOException {
        Path to = TestFolders.passable(name);
        try (var files = Files.list(pristine)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static long count(EmbeddedTimeSeriesStore store) {
        long n = 0;
        for (int d = 0; d < DEVICES; d++) {
            n += store.history("s1", "em-" + d, "energy.import.total", START, START.plus(Duration.ofDays(DAYS + 1)), 10_000_000).size();
        }
        return n;
    }

    /** Runs the thinning in its own process and SIGKILLs it once {@code killWhen} holds; whether it had finished. */
    private static boolean thinAndKill(Path folder, BooleanSupplier killWhen) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), ThinningKillTarget.class.getName(),
                folder.toString(), CUTOFF.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // read on a thread of its own: destroying the process closes its streams under a reader
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process was killed
            }
        }, "thinning-child-output");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!lines.contains("thinning") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(lines.contains("thinning"), "the store opened in the child: " + lines);
        while (!killWhen.getAsBoolean() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        reader.join(5000);
        return lines.stream().anyMatch(l -> l.startsWith("thinned"));
    }

    private static void assertWhole(Path folder, String when) {
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(folder)) {
            long n = count(store);
            assertTrue(n == allPoints || n == thinnedPoints, when + ": " + n + " points, neither all " + allPoints + " nor the thinned " + thinnedPoints);
            assertEquals(boundaries, boundaries(store), when + ": the hour boundaries bills read");
        }
        assertFalse(Files.exists(folder.resolve("timeseries.wal.compacting")), when + ": the interrupted rewrite is removed at open");
    }

    @Test
    void killedWhileTheRewriteIsBeingWrittenTheWholeOldLogIsThere() throws Exception {
        Path folder = copy("thinning-kill-writing");
        Path rewrite = folder.resolve("timeseries.wal.compacting");
        boolean finished = thinAndKill(folder, () -> {
            try {
                return Files.size(rewrite) > 1_000_000;
            } catch (IOException notYet) {
                return false;
            }
        });
        assertFalse(finished, "killed before the thinning finished");
        assertTrue(Files.exists(rewrite), "killed while the rewrite was on disk, not yet renamed");
        assertWhole(folder, "killed mid-rewrite");
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(folder)) {
            assertEquals(allPoints, count(store), "the old log, whole");
        }
    }

    @Test
    void killedJustAfterTheRenameTheWholeThinnedLogIsThere() throws Exception {
        Path folder = copy("thinning-kill-renamed");
        Path rewrite = folder.resolve("timeseries.wal.compacting");
        boolean[] seen = new boolean[1];
        thinAndKill(folder, () -> {
            if (Files.exists(rewrite)) {
                seen[0] = true;
                return false;
            }
            return seen[0];
        });
        assertTrue(seen[0], "the rewrite was seen on disk before it was renamed");
        assertWhole(folder, "killed after the rename");
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(folder)) {
            assertEquals(thinnedPoints, count(store), "the thinned log, whole");
        }
    }

    @Test
    void killedBeforeTheRewriteBeganNothingChanged() throws Exception {
        Path folder = copy("thinning-kill-early");
        assertFalse(thinAndKill(folder, () -> true), "killed at once");
        assertWhole(folder, "killed before the rewrite");
    }
}
