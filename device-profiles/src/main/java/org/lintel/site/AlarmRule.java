package org.lintel.site;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import org.lintel.check.Where;
import org.lintel.profile.AlarmPriority;

/**
 * A site's change to an alarm rule: a profile's default condition (say {@code low-battery}) or one of the hub's
 * built-in rules ({@code no-data}, {@code communication-lost}, and the counter checks {@code night-flow},
 * {@code counter-decrease}, {@code counter-jump}, {@code loss-high} on a meter with sub-meters: its loss over a day
 * in percent, and {@code leak-suspected} on a water meter: the night-flow list's verdict), for the devices it matches. Every field left null keeps what the
 * profile or the built-in default says. When several rules match a device, the more specific one wins field by
 * field: device over building over profile over the whole site, and a later rule over an earlier one of the same kind.
 *
 * @param device    only this device (null: any)
 * @param building  only devices in this building (null: any)
 * @param profile   only devices of this profile (null: any)
 * @param type      the alarm type the rule changes
 * @param enabled   false turns the alarm off for the matched devices
 * @param threshold the new limit of an above or below condition
 * @param counter   settings of the counter checks; null keeps the defaults
 */
public record AlarmRule(
        String device,
        String building,
        String profile,
        String type,
        Boolean enabled,
        AlarmPriority priority,
        Duration onDelay,
        Duration offDelay,
        BigDecimal threshold,
        BigDecimal deadband,
        CounterSettings counter,
        Where where) {

    /** The built-in alarm types a site may tune besides those its profiles declare. */
    public static final java.util.List<String> BUILT_IN = java.util.List.of("no-data", "communication-lost", "night-flow", "counter-decrease",
            "counter-jump", "loss-high", "leak-suspected");

    /**
     * How a counter's flow is judged. Night flow (a leak): the counter advanced in every {@code window} for at
     * least {@code flowFor}, seen between {@code nightFrom} and {@code nightTo} in the site's time zone (from 00:00
     * to 00:00 means all day). A jump: the counter advanced faster than {@code maxPerHour} canonical units an hour.
     * Nulls keep the defaults.
     */
    public record CounterSettings(String point, Duration window, Duration flowFor, LocalTime nightFrom, LocalTime nightTo, BigDecimal maxPerHour) {
    }

    /** How specific the rule is: a device rule beats a building rule beats a profile rule beats a site-wide one. */
    public int specificity() {
        return device != null ? 3 : building != null ? 2 : profile != null ? 1 : 0;
    }

    /** Whether the rule applies to a device with this id, building and profile. */
    public boolean matches(String deviceId, String buildingId, String profileId) {
        return (device == null || device.equals(deviceId)) && (building == null || building.equals(buildingId))
                && (profile == null || profile.equals(profileId));
    }
}
