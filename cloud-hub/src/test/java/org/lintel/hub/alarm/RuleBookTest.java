package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.AlarmRule;

class RuleBookTest {

    static final ProfileLibrary PROFILES = ProfileLibrary.builtIn(new Problems());
    static final DeviceProfile WATER = PROFILES.find("xintai-water-meter").orElseThrow();
    static final DeviceProfile SMOKE = PROFILES.find("lintel-smoke-detector-coap").orElseThrow();

    static AlarmRule rule(String device, String building, String type, AlarmPriority priority, Duration onDelay, Boolean enabled) {
        return new AlarmRule(device, building, null, type, enabled, priority, onDelay, null, null, null, null, null);
    }

    @Test
    void aWaterMetersBilledCounterIsWatchedForLeaksDropsAndJumpsByDefault() {
        RuleBook.DeviceRules r = RuleBook.forDevice("b1-0101-wm", "b1", WATER, List.of(), List.of());
        assertTrue(r.conditions().keySet().containsAll(RuleBook.COUNTER_TYPES));
        assertEquals("volume.forward.total", r.counter().orElseThrow().point());
        assertEquals(new BigDecimal("100000"), r.counter().orElseThrow().rollover());
        assertEquals(LocalTime.of(1, 0), r.counter().orElseThrow().nightFrom());
        assertEquals(AlarmPriority.MAJOR, r.conditions().get(RuleBook.NIGHT_FLOW).priority());
    }

    @Test
    void aDetectorHasNoCounterChecks() {
        RuleBook.DeviceRules r = RuleBook.forDevice("b1-f01-smoke", "b1", SMOKE, List.of(), List.of());
        assertTrue(r.counter().isEmpty());
        assertFalse(r.conditions().containsKey(RuleBook.NIGHT_FLOW));
        assertTrue(r.conditions().containsKey("fire"));
    }

    @Test
    void theMostSpecificRuleWinsFieldByFieldWhateverTheFileOrder() {
        List<AlarmRule> rules = List.of(
                rule("b1-0101-wm", null, "low-battery", null, Duration.ofMinutes(10), null),
                rule(null, "b1", "low-battery", AlarmPriority.MINOR, Duration.ofHours(3), null),
                rule(null, null, "low-battery", AlarmPriority.MAJOR, null, null));
        var lowBattery = RuleBook.forDevice("b1-0101-wm", "b1", WATER, rules, List.of()).conditions().get("low-battery");
        assertEquals(Duration.ofMinutes(10), lowBattery.onDelay(), "the device's own delay");
        assertEquals(AlarmPriority.MINOR, lowBattery.priority(), "the building's priority beats the site's");
        var elsewhere = RuleBook.forDevice("b2-0101-wm", "b2", WATER, rules, List.of()).conditions().get("low-battery");
        assertEquals(AlarmPriority.MAJOR, elsewhere.priority());
        assertEquals(Duration.ofHours(1), elsewhere.onDelay(), "the profile's delay where no rule sets one");
    }

    @Test
    void aRuleCanTurnAnAlarmOffAndTuneTheCounterChecks() {
        List<AlarmRule> rules = List.of(
                rule(null, "b1", "counter-jump", null, null, false),
                new AlarmRule(null, null, "xintai-water-meter", "night-flow", null, null, null, null, null, null,
                        new AlarmRule.CounterSettings(null, Duration.ofSeconds(5), Duration.ofSeconds(20), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, null),
                        null));
        RuleBook.DeviceRules r = RuleBook.forDevice("b1-0101-wm", "b1", WATER, rules, List.of());
        assertFalse(r.conditions().containsKey(RuleBook.COUNTER_JUMP));
        assertEquals(Duration.ofSeconds(20), r.counter().orElseThrow().flowFor());
        assertEquals(new BigDecimal("10"), r.counter().orElseThrow().maxPerHour(), "untouched settings keep their defaults");
    }
}
