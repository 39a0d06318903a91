package org.lintel.hub.telemetry.timeseries;

/**
 * A counter's good numeric readings over a stretch of time in brief: the first and the last, and whether any reading
 * is lower than the good reading before it. A counter that never falls used {@code last − first} in between; one that
 * falls (a rollover, a replacement, a fault) has to be walked reading by reading.
 */
public record CounterRun(StoredPoint first, StoredPoint last, boolean falls) {
}
