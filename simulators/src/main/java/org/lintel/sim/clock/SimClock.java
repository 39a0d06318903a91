package org.lintel.sim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The simulated clock: starts at a chosen instant and runs {@code speed} times faster than the wall clock, and can
 * be fast-forwarded. It never goes backwards, so counters never decrease. Thread-safe.
 */
public final class SimClock {

    private final Clock wall;
    private Instant simAtAnchor;
    private long wallAtAnchorNanos;
    private double speed;

    public SimClock(Instant start, double speed, Clock wall) {
        if (speed <= 0) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        this.wall = wall;
        this.simAtAnchor = start;
        this.wallAtAnchorNanos = wallNanos();
        this.speed = speed;
    }

    public SimClock(Instant start, double speed) {
        this(start, speed, Clock.systemUTC());
    }

    private long wallNanos() {
        Instant i = wall.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** The current simulated instant. */
    public synchronized Instant now() {
        long elapsed = wallNanos() - wallAtAnchorNanos;
        return simAtAnchor.plusNanos((long) (elapsed * speed));
    }

    /** The simulated instant that corresponds to a wall-clock instant, at the current speed and anchor. */
    public synchronized Instant at(Instant wallInstant) {
        long wallNanos = wallInstant.getEpochSecond() * 1_000_000_000L + wallInstant.getNano();
        return simAtAnchor.plusNanos((long) ((wallNanos - wallAtAnchorNanos) * speed));
    }

    public synchronized double speed() {
        return speed;
    }

    /** Changes the acceleration from now on; simulated time already passed is kept. */
    public synchronized void setSpeed(double newSpeed) {
        if (newSpeed <= 0) {
            throw new IllegalArgumentException("speed must be > 0, was " + newSpeed);
        }
        reanchor();
        this.speed = newSpeed;
    }

    /** Jumps simulated time forward by {@code d} (a month of meter data at once). */
    public synchronized Instant advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the simulated clock cannot go backwards");
        }
        reanchor();
        simAtAnchor = simAtAnchor.plus(d);
        return simAtAnchor;
    }

    private void reanchor() {
        Instant n = now();
        wallAtAnchorNanos = wallNanos();
        simAtAnchor = n;
    }
}
