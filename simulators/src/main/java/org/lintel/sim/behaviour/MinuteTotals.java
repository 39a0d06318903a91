package org.lintel.sim.behaviour;

import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * An exact running total of per-minute amounts (in integer micro-units), extended forward on demand and cached, so
 * that a month of fast-forward costs one pass and the total at any instant is the same whoever asks first.
 */
final class MinuteTotals {

    private final long startMinute;
    private final LongUnaryOperator amountOfMinute;
    private long cachedMinute;
    private long cachedTotal;

    /**
     * @param start          the simulation start; amounts accumulate from its minute on
     * @param amountOfMinute epoch minute → amount measured during that minute (micro-units, ≥ 0)
     */
    MinuteTotals(Instant start, LongUnaryOperator amountOfMinute) {
        this.startMinute = Math.floorDiv(start.getEpochSecond(), 60);
        this.amountOfMinute = amountOfMinute;
        this.cachedMinute = startMinute;
    }

    static long minuteOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), 60);
    }

    /** The total from the start up to {@code t}, with the current minute counted pro rata (never decreasing). */
    synchronized long totalAt(Instant t) {
        long minute = minuteOf(t);
        if (minute < startMinute) {
            return 0;
        }
        if (minute < cachedMinute) {
            // Asked about the past: recompute from the start (rare: ground-truth queries of earlier instants).
            long total = 0;
            for (long m = startMinute; m < minute; m++) {
                total += amountOfMinute.applyAsLong(m);
            }
            return total + partial(minute, t);
        }
        while (cachedMinute < minute) {
            cachedTotal += amountOfMinute.applyAsLong(cachedMinute);
            cachedMinute++;
        }
        return cachedTotal + partial(minute, t);
    }

    private long partial(long minute, Instant t) {
        long nanosIntoMinute = (t.getEpochSecond() - minute * 60) * 1_000_000_000L + t.getNano();
        long amount = amountOfMinute.applyAsLong(minute);
        return (long) (amount * (nanosIntoMinute / 60e9));
    }
}
