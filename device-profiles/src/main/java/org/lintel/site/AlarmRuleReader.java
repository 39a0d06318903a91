package org.lintel.site;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.Words;
import org.lintel.yaml.YamlMap;

/** Reads a site file's {@code alarmRules}: which devices a rule matches and what it changes. */
final class AlarmRuleReader {

    private static final Map<String, AlarmPriority> PRIORITIES = Words.of(AlarmPriority.class);

    private AlarmRuleReader() {
    }

    static List<AlarmRule> read(YamlMap root) {
        List<AlarmRule> out = new ArrayList<>();
        for (YamlMap raw : root.maps("alarmRules")) {
            rule(raw).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<AlarmRule> rule(YamlMap raw) {
        Optional<String> type = raw.requiredText("type", "the alarm type to change, e.g. low-battery or night-flow");
        YamlMap m = raw.about("alarm rule " + type.orElse("#" + raw.where().line()));
        String device = null;
        String building = null;
        String profile = null;
        Optional<YamlMap> match = m.map("match");
        if (match.isPresent()) {
            YamlMap mm = match.get();
            device = mm.text("device").orElse(null);
            building = mm.text("building").orElse(null);
            profile = mm.text("profile").orElse(null);
            mm.rejectUnknownKeys();
        }
        Boolean enabled = m.flag("enabled").orElse(null);
        AlarmPriority priority = m.choice("priority", PRIORITIES).orElse(null);
        Duration onDelay = m.duration("onDelay").orElse(null);
        Duration offDelay = m.duration("offDelay").orElse(null);
        BigDecimal threshold = m.decimal("threshold").orElse(null);
        BigDecimal deadband = m.decimal("deadband").orElse(null);
        if (deadband != null && deadband.signum() < 0) {
            m.error("deadband", "a deadband cannot be negative, was " + deadband.toPlainString());
        }
        AlarmRule.CounterSettings counter = m.map("counter").map(AlarmRuleReader::counter).orElse(null);
        m.rejectUnknownKeys();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AlarmRule(device, building, profile, type.get(), enabled, priority, onDelay, offDelay, threshold, deadband, counter,
                m.where()));
    }

    private static AlarmRule.CounterSettings counter(YamlMap c) {
        Duration window = c.duration("window").orElse(null);
        Duration flowFor = c.duration("flowFor").orElse(null);
        if (window != null && flowFor != null && flowFor.compareTo(window) < 0) {
            c.error("flowFor", "flow is judged per window, so flowFor (" + flowFor + ") must be at least the window (" + window + ")");
        }
        LocalTime[] night = new LocalTime[2];
        c.text("nightHours").ifPresent(text -> {
            String[] parts = text.split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("", text, 0);
                }
                night[0] = LocalTime.parse(parts[0].trim());
                night[1] = LocalTime.parse(parts[1].trim().equals("24:00") ? "00:00" : parts[1].trim());
            } catch (DateTimeParseException e) {
                c.error("nightHours", "'" + text + "' is not a time range; write it as 01:00-05:00 (local time; 00:00-24:00 for all day)");
            }
        });
        BigDecimal maxPerHour = c.decimal("maxPerHour").orElse(null);
        if (maxPerHour != null && maxPerHour.signum() <= 0) {
            c.error("maxPerHour", "the largest plausible advance per hour must be positive, was " + maxPerHour.toPlainString());
        }
        String point = c.text("point").orElse(null);
        c.rejectUnknownKeys();
        return new AlarmRule.CounterSettings(point, window, flowFor, night[0], night[1], maxPerHour);
    }
}
