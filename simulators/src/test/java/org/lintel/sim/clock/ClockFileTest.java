package org.lintel.sim.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockFileTest {

    static final Instant ORIGIN = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aSavedTimeLineIsReadBackAndResumedWithThePauseCountedAsRunTime() throws Exception {
        Path dir = Files.createTempDirectory("clock");
        assertTrue(ClockFile.read(dir).isEmpty(), "nothing saved yet");
        new ClockFile(ORIGIN, Instant.parse("2026-11-03T12:00:00Z"), Instant.parse("2026-11-22T08:00:00Z")).write(dir);
        ClockFile saved = ClockFile.read(dir).orElseThrow();
        assertEquals(ORIGIN, saved.origin());
        assertEquals(Instant.parse("2026-11-03T13:00:00Z"), saved.resumeAt(Instant.parse("2026-11-22T09:00:00Z"), 1), "an hour stopped at 1x");
        assertEquals(Instant.parse("2026-11-04T00:00:00Z"), saved.resumeAt(Instant.parse("2026-11-22T09:00:00Z"), 12), "at 12x");
        assertEquals(saved.simAt(), saved.resumeAt(Instant.parse("2026-11-22T07:00:00Z"), 1), "a wall clock set back does not run time backwards");
    }

    @Test
    void aDamagedFileSaysHowToStartAnew() throws Exception {
        Path dir = Files.createTempDirectory("clock");
        Files.writeString(dir.resolve(ClockFile.NAME), "origin=yesterday\n");
        IOException e = assertThrows(IOException.class, () -> ClockFile.read(dir));
        assertTrue(e.getMessage().contains("delete it to start a new simulated time line"), e.getMessage());
    }
}
