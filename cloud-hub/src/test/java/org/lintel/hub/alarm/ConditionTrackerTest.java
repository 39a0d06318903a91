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
        assertEquals(Optional.of(T.plusSeconds(10)), t.due());
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
}
