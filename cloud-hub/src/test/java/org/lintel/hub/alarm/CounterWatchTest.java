package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterWatchTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 00:00 local time in Shanghai. */
    static final Instant MIDNIGHT = Instant.parse("2026-11-21T16:00:00Z");

    static CounterWatch water() {
        return new CounterWatch(new CounterWatch.Settings("volume.forward.total", new BigDecimal("100000"), Duration.ofMinutes(15), Duration.ofHours(2),
                LocalTime.of(1, 0), LocalTime.of(5, 0), new BigDecimal("10")), SHANGHAI);
    }

    static Map<String, String> read(CounterWatch w, String value, Instant at) {
        return w.reading(new BigDecimal(value), at);
    }

    @Test
    void aReadingLowerThanTheLastIsANegativeConsumptionAnomaly() {
        CounterWatch w = water();
        read(w, "120.500", MIDNIGHT);
        assertEquals("yes", read(w, "120.100", MIDNIGHT.plusSeconds(60)).get(RuleBook.COUNTER_DECREASE));
        assertEquals("no", read(w, "120.200", MIDNIGHT.plusSeconds(120)).get(RuleBook.COUNTER_DECREASE), "the next advance clears it");
    }

    @Test
    void aWrapFromTheTopOfTheRegisterIsARolloverNotAnAnomaly() {
        CounterWatch w = water();
        read(w, "99999.900", MIDNIGHT);
        Map<String, String> v = read(w, "0.050", MIDNIGHT.plusSeconds(600));
        assertEquals("no", v.get(RuleBook.COUNTER_DECREASE));
        assertEquals("no", v.get(RuleBook.COUNTER_JUMP), "0.15 m³ in 10 minutes is plausible");
    }

    @Test
    void anAdvanceFasterThanTheMeterCanGoIsAJump() {
        CounterWatch w = water();
        read(w, "100.000", MIDNIGHT);
        assertEquals("no", read(w, "101.000", MIDNIGHT.plus(Duration.ofMinutes(10))).get(RuleBook.COUNTER_JUMP), "6 m³/h is under 10");
        assertEquals("yes", read(w, "104.000", MIDNIGHT.plus(Duration.ofMinutes(20))).get(RuleBook.COUNTER_JUMP), "18 m³/h is not");
        assertEquals("yes", read(w, "105.000", MIDNIGHT.plus(Duration.ofMinutes(21))).get(RuleBook.COUNTER_JUMP),
                "1 m³ a minute apart is judged as a minute's worth");
    }

    @Test
    void waterFlowingInEveryWindowForTwoHoursAtNightIsALeak() {
        CounterWatch w = water();
        Instant t = MIDNIGHT.plus(Duration.ofHours(1));
        read(w, "10.000", t);
        String verdict = null;
        for (int i = 1; i <= 12; i++) { // a reading every 10 minutes, each a little higher
            verdict = read(w, String.format("10.%03d", i * 5), t.plus(Duration.ofMinutes(10L * i))).get(RuleBook.NIGHT_FLOW);
            if (i < 12) {
                assertEquals("no", verdict, "not yet two hours at reading " + i);
            }
        }
        assertEquals("yes", verdict);
    }

    @Test
    void aPauseLongerThanTheWindowStartsTheCountAgainAndClearsALeakOnTheClock() {
        CounterWatch w = water();
        Instant t = MIDNIGHT;
        read(w, "10.000", t);
        read(w, "10.010", t.plus(Duration.ofMinutes(10)));
        // 20 minutes without advance, then flow again: only continuous from then on
        read(w, "10.020", t.plus(Duration.ofMinutes(30)));
        assertEquals("no", read(w, "10.050", t.plus(Duration.ofMinutes(125))).get(RuleBook.NIGHT_FLOW));
        for (int i = 1; i <= 13; i++) {
            read(w, String.format("11.%03d", i), t.plus(Duration.ofMinutes(125 + 10L * i)));
        }
        assertTrue(w.tick(t.plus(Duration.ofMinutes(260))).isEmpty(), "still flowing: nothing to say");
        assertEquals("yes", read(w, "11.100", t.plus(Duration.ofMinutes(262))).get(RuleBook.NIGHT_FLOW), "two hours of flow at 04:22");
        assertEquals(Map.of(RuleBook.NIGHT_FLOW, "no"), w.tick(t.plus(Duration.ofMinutes(280))), "18 minutes without advance ends the leak");
    }

    @Test
    void flowThatHasLastedTwoHoursByDayIsNormalUse() {
        CounterWatch w = water();
        Instant noon = MIDNIGHT.plus(Duration.ofHours(12));
        read(w, "10.000", noon);
        String verdict = null;
        for (int i = 1; i <= 15; i++) {
            verdict = read(w, String.format("10.%03d", i), noon.plus(Duration.ofMinutes(10L * i))).get(RuleBook.NIGHT_FLOW);
        }
        assertEquals("no", verdict);
    }

    @Test
    void nightHoursMayWrapAroundMidnight() {
        CounterWatch w = new CounterWatch(new CounterWatch.Settings("v", null, Duration.ofSeconds(5), Duration.ofSeconds(20), LocalTime.of(23, 0),
                LocalTime.of(2, 0), null), SHANGHAI);
        Instant t = MIDNIGHT.minus(Duration.ofMinutes(30));
        read(w, "1.000", t);
        String verdict = null;
        for (int i = 1; i <= 5; i++) {
            verdict = read(w, "1.00" + i, t.plusSeconds(5L * i)).get(RuleBook.NIGHT_FLOW);
        }
        assertEquals("yes", verdict);
        assertFalse(read(w, "1.010", t.plusSeconds(30)).containsKey(RuleBook.COUNTER_JUMP), "no jump check without a limit");
    }
}
