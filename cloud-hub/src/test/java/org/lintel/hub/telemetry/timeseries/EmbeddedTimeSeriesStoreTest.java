package org.lintel.hub.telemetry.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedTimeSeriesStoreTest extends TimeSeriesStoreContract {

    @TempDir
    Path folder;
    EmbeddedTimeSeriesStore store;

    @BeforeEach
    void open() {
        store = EmbeddedTimeSeriesStore.open(folder);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    TimeSeriesStore store() {
        return store;
    }

    @Override
    String device(String name) {
        return name;
    }

    @Test
    void pointsSurviveARestart() {
        store.write(List.of(good("m", "e", T0, 1), good("m", "e", T0.plusSeconds(1), 2)));
        store.close();
        store = EmbeddedTimeSeriesStore.open(folder);
        assertEquals(2, store.history("s1", "m", "e", T0, T0.plusSeconds(5), 10).size());
    }

    @Test
    void aTornLastBatchIsCutOffAndEarlierBatchesKept() throws IOException {
        store.write(List.of(good("m", "e", T0, 1)));
        store.write(List.of(good("m", "e", T0.plusSeconds(1), 2)));
        store.close();
        Path wal = folder.resolve("timeseries.wal");
        long size = Files.size(wal);
        try (var ch = java.nio.channels.FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5); // a crash in the middle of the second batch
        }
        store = EmbeddedTimeSeriesStore.open(folder);
        assertEquals(1, store.history("s1", "m", "e", T0, T0.plusSeconds(5), 10).size());
        store.write(List.of(good("m", "e", T0.plusSeconds(2), 3)));
        store.close();
        store = EmbeddedTimeSeriesStore.open(folder);
        assertEquals(List.of(1.0, 3.0), store.history("s1", "m", "e", T0, T0.plusSeconds(5), 10).stream().map(StoredPoint::number).toList());
    }
}
