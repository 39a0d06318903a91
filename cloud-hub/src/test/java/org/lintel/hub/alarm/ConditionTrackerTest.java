package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;

class ConditionTrackerTest {

    static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    static AlarmCondition above(double threshold, double deadband, Duration onDelay, Duration offDelay) {
        return new AlarmCondition("high-temperature", Label.NONE, "temperature", AlarmCondition.Test.ABOVE, List.of(), BigDecimal.valueOf(threshold),
                BigDecimal.valueOf(deadband), onDelay, offDelay, AlarmPriority.CRITICAL, false, null);
    }

    @Test
    void aThresholdActivatesAfterItsOnDelayOnTheHubsClockAndClearsOnlyPastTheDeadband() {
        ConditionTracker t = new ConditionTracker(above(57, 2, Duration.ofSeconds(10), null), false);
        assertTrue(t.value(58.0, null, T).isEmpty(), "not before the on-delay");
        assertTrue(t.tick(T.plusSeconds(9)).isEmpty());
        assertEquals(Optional.of(true), t.tick(T.plusSeconds(10)), "activates without a further reading");
        assertTrue(t.value(56.0, null, T.plusSeconds(20)).isEmpty(), "56 is inside the deadband (57 - 2)");
        assertEquals(Optional.of(false), t.value(54.9, null, T.plusSeconds(30)));
    }

    @Test
    void aConditionShorterThanTheOnDelayNeverActivates() {
        ConditionTracker t = new ConditionTracker(above(57, 0, Duration.ofSeconds(10), null), false);
        t.value(60.0, null, T);
        t.value(50.0, null, T.plusSeconds(5));
        assertTrue(t.tick(T.plusSeconds(60)).isEmpty());
        assertEquals(false, t.active());
    }

    @Test
    void aStateConditionMatchesTheStateNameAndAFlagMatchesTrue() {
        AlarmCondition fire = new AlarmCondition("fire", Label.NONE, "alarm.state", AlarmCondition.Test.EQUALS, List.of("fire"), null, null, null, null,
                AlarmPriority.LIFE_SAFETY, true, null);
        ConditionTracker t = new ConditionTracker(fire, false);
        assertEquals(Optional.of(true), t.value(null, "fire", T));
        assertEquals(Optional.of(false), t.value(null, "normal", T.plusSeconds(1)));
        AlarmCondition trapped = new AlarmCondition("passenger-trapped", Label.NONE, "passenger.trapped", AlarmCondition.Test.EQUALS,
                List.of("true"), null, null, null, null, AlarmPriority.LIFE_SAFETY, true, null);
        assertEquals(Optional.of(true), new ConditionTracker(trapped, false).value(1.0, "true", T));
        assertTrue(new ConditionTracker(trapped, false).value(null, null, T).isEmpty(), "a bad reading without value changes nothing");
    }

    @Test
    void aSeededConditionCompletesItsOnDelayFromTheTimeItWasSeenNotFromTheRestart() {
        ConditionTracker t = new ConditionTracker(above(57, 2, Duration.ofSeconds(10), null), false);
        t.seed(60.0, null, T);
        assertTrue(t.tick(T.plusSeconds(9)).isEmpty());
        assertEquals(Optional.of(true), t.tick(T.plusSeconds(10)));
    }

    static AlarmCondition risesBy(double amount, Duration within) {
        return new AlarmCondition("heat-rate-of-rise", Label.NONE, "temperature", AlarmCondition.Test.RISES, List.of(), BigDecimal.valueOf(amount),
                BigDecimal.ONE, null, null, AlarmPriority.CRITICAL, false, null, within);
    }

    @Test
    void aRiseOfTheLimitWithinTheWindowActivatesAndClearsOnTheClockOnceTheWindowHasPassed() {
        ConditionTracker t = new ConditionTracker(risesBy(8, Duration.ofMinutes(1)), false);
        assertTrue(t.value(25.0, null, T).isEmpty());
        assertTrue(t.value(30.0, null, T.plusSeconds(20)).isEmpty(), "5 degrees so far");
        assertEquals(Optional.of(true), t.value(33.5, null, T.plusSeconds(40)), "8.5 degrees in 40 s");
        assertTrue(t.tick(T.plusSeconds(70)).isEmpty(), "25.0 was still the value when the window began: the rise is still 8.5");
        assertEquals(Optional.of(true), Optional.of(t.active()));
        assertEquals(Optional.of(false), t.tick(T.plusSeconds(101)), "a minute after the last reading nothing in the window has risen");
    }

    @Test
    void aSlowRiseOfTheSameSizeIsNotARateOfRise() {
        ConditionTracker t = new ConditionTracker(risesBy(8, Duration.ofMinutes(1)), false);
        for (int i = 0; i <= 10; i++) {
            assertTrue(t.value(20.0 + i, null, T.plus(Duration.ofMinutes(i))).isEmpty(), "one degree a minute, minute " + i);
        }
    }

    @Test
    void aRiseFromTheLastStoredValueCountsEvenWhenTheDeviceReportedNothingInBetween() {
        ConditionTracker t = new ConditionTracker(risesBy(8, Duration.ofMinutes(1)), false);
        t.seed(21.5, null, T);
        assertEquals(Optional.of(true), t.value(61.3, null, T.plus(Duration.ofMinutes(5))), "the detector stood at 21.5 until now");
    }
}
