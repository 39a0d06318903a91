package org.lintel.sim.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The total at an instant is the same whether it is asked going forward or afterwards about the past. */
class MinuteTotalsTest {

    static long amount(long minute) {
        return (minute * 7919) % 1000;
    }

    @Test
    void thePastAskedAfterTheFactGivesTheTotalsSeenGoingForward() {
        Instant start = Instant.parse("2026-09-30T16:00:00Z");
        MinuteTotals forward = new MinuteTotals(start, MinuteTotalsTest::amount);
        List<Instant> times = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (Instant t = start; t.isBefore(start.plusSeconds(5 * 86400)); t = t.plusSeconds(3 * 3600 + 17)) {
            times.add(t);
            seen.add(forward.totalAt(t));
        }
        MinuteTotals afterwards = new MinuteTotals(start, MinuteTotalsTest::amount);
        afterwards.totalAt(start.plusSeconds(6 * 86400));
        for (int i = 0; i < times.size(); i++) {
            assertEquals(seen.get(i), afterwards.totalAt(times.get(i)), "at " + times.get(i));
        }
        assertEquals(0, afterwards.totalAt(start.minusSeconds(60)), "nothing before the start");
    }
}
