package org.lintel.sim.clock;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a simulation's time line is kept between runs ({@code clock.properties} in the data folder): the origin its
 * meters count from, and the simulated instant reached at a wall-clock instant. A second start resumes the same time
 * line, with the time it was stopped counted as if it had run, so that meters never go backwards across a restart.
 *
 * @param origin the simulated instant the meters count from (the first start)
 * @param simAt  the simulated instant last saved
 * @param wallAt the wall-clock instant it was saved at
 */
public record ClockFile(Instant origin, Instant simAt, Instant wallAt) {

    public static final String NAME = "clock.properties";

    /** The saved time line in {@code dir}, if there is one. */
    public static Optional<ClockFile> read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        try {
            return Optional.of(new ClockFile(Instant.parse(p.getProperty("origin")), Instant.parse(p.getProperty("simAt")),
                    Instant.parse(p.getProperty("wallAt"))));
        } catch (RuntimeException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "); delete it to start a new simulated time line", e);
        }
    }

    /** Writes atomically, so that a crash leaves the previous state rather than half a file. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("origin", origin.toString());
        p.setProperty("simAt", simAt.toString());
        p.setProperty("wallAt", wallAt.toString());
        Path tmp = dir.resolve(NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "Lintel simulators: the simulated time line (delete to start anew)");
        }
        Files.move(tmp, dir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The simulated instant to resume at, at wall-clock {@code now} and {@code speed}: the pause counts as run time. */
    public Instant resumeAt(Instant now, double speed) {
        Duration paused = Duration.between(wallAt, now);
        if (paused.isNegative()) {
            return simAt;
        }
        return simAt.plusNanos((long) (paused.toNanos() * speed));
    }
}
