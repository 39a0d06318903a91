package org.lintel.sim.behaviour;

import java.time.Instant;
import java.util.function.LongUnaryOperator;

/**
 * An exact running total of per-minute amounts (in integer micro-units), extended forward on demand and cached, so
 * that a month of fast-forward costs one pass and the total at any instant is the same whoever asks first. The total
 * at the start of each day since the start is kept (8 bytes a day), so that a question about the past (a reading
 * round over the last weeks) sums at most a day of minutes.
 */
final class MinuteTotals {

    private final long startMinute;
    private final LongUnaryOperator amountOfMinute;
    private long cachedMinute;
    private long cachedTotal;
    /** The total at the start of day i after the start minute (i × 1440 minutes on), for the days passed. */
    private long[] daily = new long[64];
    private int days;

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
            // asked about the past: from the start of its day
            int day = (int) Math.min((minute - startMinute) / 1440, days - 1L);
            long m = startMinute + day * 1440L;
            long total = daily[day];
            for (; m < minute; m++) {
                total += amountOfMinute.applyAsLong(m);
            }
            return total + partial(minute, t);
        }
        while (cachedMinute < minute) {
            if ((cachedMinute - startMinute) % 1440 == 0) {
                if (days == daily.length) {
                    daily = java.util.Arrays.copyOf(daily, days * 2);
                }
                daily[days++] = cachedTotal;
            }
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
