package org.lintel.sim.behaviour;

import java.util.Arrays;
import java.util.Optional;

/**
 * The counters of a device that is simulated forward only (a lift stepped second by second), kept at every second one
 * of them changed, so that ground truth can be asked of the past: the newest entry at or before the instant asked.
 * Bounded: past {@link #MAX_ENTRIES} changes the oldest half is dropped, and older instants have no answer.
 */
final class CounterHistory {

    /** About 55 days of a busy lift (one entry per second it moves). */
    static final int MAX_ENTRIES = 500_000;

    private long[] seconds = new long[1024];
    private long[][] values;
    private int size;
    private boolean dropped;
    private final int counters;

    CounterHistory(int counters) {
        this.counters = counters;
        this.values = new long[counters][1024];
    }

    /** The counters as they are from epoch second {@code second} on; a repeat of the last entry is not kept. */
    void record(long second, long... counts) {
        if (size > 0 && Arrays.equals(counts, last())) {
            return;
        }
        if (size > 0 && seconds[size - 1] == second) {
            size--; // the same second changed again: keep its final counts
        }
        if (size == MAX_ENTRIES) {
            int keep = size / 2;
            System.arraycopy(seconds, size - keep, seconds, 0, keep);
            for (long[] v : values) {
                System.arraycopy(v, size - keep, v, 0, keep);
            }
            size = keep;
            dropped = true;
        }
        if (size == seconds.length) {
            int grown = Math.min(MAX_ENTRIES, seconds.length * 2);
            seconds = Arrays.copyOf(seconds, grown);
            for (int c = 0; c < counters; c++) {
                values[c] = Arrays.copyOf(values[c], grown);
            }
        }
        seconds[size] = second;
        for (int c = 0; c < counters; c++) {
            values[c][size] = counts[c];
        }
        size++;
    }

    private long[] last() {
        long[] out = new long[counters];
        for (int c = 0; c < counters; c++) {
            out[c] = values[c][size - 1];
        }
        return out;
    }

    /**
     * The counts in force at epoch second {@code second}; before the first entry, the first (the counters as the
     * simulation began); empty when older entries were dropped.
     */
    Optional<long[]> at(long second) {
        int i = Arrays.binarySearch(seconds, 0, size, second);
        int index = i >= 0 ? i : -i - 2;
        if (index < 0) {
            if (dropped || size == 0) {
                return Optional.empty();
            }
            index = 0;
        }
        long[] out = new long[counters];
        for (int c = 0; c < counters; c++) {
            out[c] = values[c][index];
        }
        return Optional.of(out);
    }

    /** The newest second recorded. */
    long newest() {
        return size == 0 ? Long.MIN_VALUE : seconds[size - 1];
    }
}
