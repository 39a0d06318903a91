package org.lintel.hub.telemetry.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of the embedded store: raw points older than the cutoff thinned to each local hour's first, last, lowest
 * and highest good value and every change of state or quality, so that whatever bills, hourly use and charts read at
 * hour boundaries is the same before and after, and the log on disk shrinks with it.
 */
class EmbeddedStoreThinningTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Local midnight, 1 November 2026. */
    private static final Instant START = Instant.parse("2026-10-31T16:00:00Z");
    private static final Instant CUTOFF = START.plus(Duration.ofDays(2));

    @TempDir
    Path folder;
    EmbeddedTimeSeriesStore store;

    @BeforeEach
    void threeDaysOfMinutes() {
        store = EmbeddedTimeSeriesStore.open(folder);
        List<StoredPoint> batch = new ArrayList<>();
        double energy = 1000;
        for (int minute = 0; minute < 3 * 24 * 60; minute++) {
            Instant t = START.plusSeconds(60L * minute + 7);
            energy += (minute % 60) / 1000.0;
            batch.add(point("em", "energy.import.total", t, energy, null, "good"));
            // a flag raised for two minutes at 10:30 each day: a thinned hour must still show it was raised
            batch.add(point("lift", "fault.active", t, minute % 1440 == 630 || minute % 1440 == 631 ? 1.0 : 0.0, null, "good"));
            // a state that changes every 17 minutes, and a reading that times out for 3 minutes every 5 hours
            batch.add(point("lift", "door.state", t, null, (minute / 17) % 2 == 0 ? "closed" : "open", "good"));
            if (minute % 300 < 3) {
                batch.add(point("em", "power.active", t, null, null, "bad"));
            } else {
                batch.add(point("em", "power.active", t, 200.0 + minute % 60, null, "good"));
            }
            if (batch.size() >= 4000) {
                store.write(batch);
                batch.clear();
            }
        }
        store.write(batch);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredPoint point(String device, String name, Instant t, Double number, String text, String quality) {
        return new StoredPoint("s1", "b1", device, name, t, number, text, quality, quality.equals("good") ? null : "timeout");
    }

    private List<StoredPoint> all(String device, String point) {
        return store.history("s1", device, point, START, START.plus(Duration.ofDays(4)), 1_000_000);
    }

    @Test
    void everyHourBoundaryReadsTheSameCounterValueBeforeAndAfter() {
        List<Optional<StoredPoint>> lastBefore = new ArrayList<>();
        List<Optional<StoredPoint>> firstAfter = new ArrayList<>();
        for (int h = 0; h <= 72; h++) {
            lastBefore.add(store.lastGoodAtOrBefore("s1", "em", "energy.import.total", START.plus(Duration.ofHours(h))));
            firstAfter.add(store.firstGoodAtOrAfter("s1", "em", "energy.import.total", START.plus(Duration.ofHours(h))));
        }
        List<Bucket> hours = store.downsample("s1", "em", "power.active", START, START.plus(Duration.ofDays(3)), Duration.ofHours(1), ZoneOffset.ofHours(8));
        CounterRun run = store.counterRuns("s1", "energy.import.total", START, CUTOFF).get("em");

        EmbeddedTimeSeriesStore.Thinning t = store.thin(CUTOFF, site -> SHANGHAI);

        for (int h = 0; h <= 72; h++) {
            assertEquals(lastBefore.get(h), store.lastGoodAtOrBefore("s1", "em", "energy.import.total", START.plus(Duration.ofHours(h))), "hour " + h);
            assertEquals(firstAfter.get(h), store.firstGoodAtOrAfter("s1", "em", "energy.import.total", START.plus(Duration.ofHours(h))), "hour " + h);
        }
        List<Bucket> thinned = store.downsample("s1", "em", "power.active", START, START.plus(Duration.ofDays(3)), Duration.ofHours(1), ZoneOffset.ofHours(8));
        assertEquals(hours.size(), thinned.size());
        for (int i = 0; i < hours.size(); i++) {
            assertEquals(hours.get(i).min(), thinned.get(i).min(), "hour " + i + "'s lowest");
            assertEquals(hours.get(i).max(), thinned.get(i).max(), "hour " + i + "'s highest");
        }
        CounterRun after = store.counterRuns("s1", "energy.import.total", START, CUTOFF).get("em");
        assertEquals(run.first(), after.first());
        assertEquals(run.last(), after.last());
        // two thinned days of 4 series × 1,440 minutes, and the third day whole
        assertEquals(17_280, t.pointsBefore());
        assertTrue(t.pointsAfter() - 5_760 < 11_520 / 20, "the two thinned days' 11,520 points down to " + (t.pointsAfter() - 5_760));
        assertTrue(t.bytesAfter() < t.bytesBefore() / 2, "log from " + t.bytesBefore() + " to " + t.bytesAfter() + " bytes");
    }

    @Test
    void eachThinnedHourKeepsAtMostFourValuesAndPointsAfterTheCutoffAreAllKept() {
        int before = all("em", "energy.import.total").size();
        store.thin(CUTOFF, site -> SHANGHAI);
        List<StoredPoint> energy = all("em", "energy.import.total");
        assertEquals(48 * 2, energy.stream().filter(p -> p.time().isBefore(CUTOFF)).count(), "first and last of 48 hours (a rising counter's lowest and highest)");
        assertEquals(before - 48 * 60, energy.size() - 48 * 2);
        assertEquals(24 * 60, energy.stream().filter(p -> !p.time().isBefore(CUTOFF)).count());
    }

    @Test
    void aFlagRaisedWithinAThinnedHourAndEveryStateChangeAndBadReadingStay() {
        List<StoredPoint> doors = all("lift", "door.state");
        long changes = 0;
        for (int i = 1; i < doors.size(); i++) {
            if (doors.get(i).time().isBefore(CUTOFF) && !doors.get(i).text().equals(doors.get(i - 1).text())) {
                changes++;
            }
        }
        store.thin(CUTOFF, site -> SHANGHAI);
        List<StoredPoint> flags = all("lift", "fault.active");
        assertEquals(2, flags.stream().filter(p -> p.time().isBefore(CUTOFF) && p.number() == 1.0).count(), "the raised flag of each thinned day");
        List<StoredPoint> thinnedDoors = all("lift", "door.state").stream().filter(p -> p.time().isBefore(CUTOFF)).toList();
        assertEquals(changes + 1, thinnedDoors.size(), "the first state and every change");
        for (int i = 1; i < thinnedDoors.size(); i++) {
            assertFalse(thinnedDoors.get(i).text().equals(thinnedDoors.get(i - 1).text()));
        }
        long bad = all("em", "power.active").stream().filter(p -> p.time().isBefore(CUTOFF) && !p.isGood()).count();
        assertEquals(2 * 24 * 60 / 300 + 1, bad, "the first reading of each timeout (a change of quality)");
    }

    @Test
    void theRewrittenLogReplaysToWhatWasThinnedAndALeftoverRewriteIsIgnored() throws IOException {
        store.thin(CUTOFF, site -> SHANGHAI);
        List<StoredPoint> energy = all("em", "energy.import.total");
        List<StoredPoint> doors = all("lift", "door.state");
        store.write(List.of(point("em", "energy.import.total", START.plus(Duration.ofDays(3)).plusSeconds(30), 5000.0, null, "good")));
        store.close();
        // a rewrite that a crash interrupted before its rename
        Files.writeString(folder.resolve("timeseries.wal.compacting"), "half a log");
        store = EmbeddedTimeSeriesStore.open(folder);
        assertFalse(Files.exists(folder.resolve("timeseries.wal.compacting")));
        List<StoredPoint> replayed = all("em", "energy.import.total");
        assertEquals(energy.size() + 1, replayed.size(), "the thinned series and the point written after the rewrite");
        assertEquals(energy, replayed.subList(0, energy.size()));
        assertEquals(doors, all("lift", "door.state"));
    }

    @Test
    void writesDuringThinningWaitAndAreKept() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                store.write(List.of(point("other", "energy.import.total", START.plus(Duration.ofDays(3)).plusMillis(i), (double) i, null, "good")));
                written.incrementAndGet();
            }
        });
        writer.start();
        while (written.get() < 100) {
            Thread.sleep(1);
        }
        store.thin(CUTOFF, site -> SHANGHAI);
        Thread.sleep(50);
        stop.set(true);
        writer.join();
        assertEquals(written.get(), store.history("s1", "other", "energy.import.total", START, START.plus(Duration.ofDays(4)), 1_000_000).size());
        store.close();
        store = EmbeddedTimeSeriesStore.open(folder);
        assertEquals(written.get(), store.history("s1", "other", "energy.import.total", START, START.plus(Duration.ofDays(4)), 1_000_000).size());
    }

    @Test
    void thinningTwiceRemovesNothingMoreAndLeavesTheLogAlone() {
        store.thin(CUTOFF, site -> SHANGHAI);
        EmbeddedTimeSeriesStore.Thinning again = store.thin(CUTOFF, site -> SHANGHAI);
        assertEquals(again.pointsBefore(), again.pointsAfter());
        assertEquals(again.bytesBefore(), again.bytesAfter());
    }
}
