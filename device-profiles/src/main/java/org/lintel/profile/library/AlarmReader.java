package org.lintel.profile.library;

import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.profile.Words;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.check.Suggestions;
import org.lintel.i18n.Label;
import org.lintel.i18n.LabelReader;
import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/** Reads a profile's default alarm conditions and checks them against the profile's points. */
final class AlarmReader {

    private static final Map<String, AlarmPriority> PRIORITIES = Words.of(AlarmPriority.class);
    private static final List<String> TESTS = List.of("equals", "in", "above", "below", "risesBy", "fallsBy");

    private AlarmReader() {
    }

    static Optional<AlarmCondition> read(YamlMap raw, List<Point> points) {
        Optional<String> type = raw.requiredText("type", "the alarm type, e.g. fire or passenger-trapped");
        YamlMap m = raw.about("alarm " + type.orElse("#" + raw.where().line()));
        type.filter(t -> !ProfileReader.STATE_NAME.matcher(t).matches()).ifPresent(t ->
                m.error("type", "'" + t + "' is not an alarm type name; use lower-case words such as passenger-trapped"));
        Label label = LabelReader.read(m, "label");
        Optional<String> pointName = m.requiredText("point", "the name of the point the alarm watches");
        Optional<Point> point = pointName.flatMap(n -> points.stream().filter(p -> p.name().equals(n)).findFirst());
        if (pointName.isPresent() && point.isEmpty()) {
            m.error("point", "no point '" + pointName.get() + "' in this profile"
                    + Suggestions.didYouMean(pointName.get(), points.stream().map(Point::name).toList()));
        }
        AlarmPriority priority = m.requiredChoice("priority", PRIORITIES).orElse(null);
        Duration onDelay = m.duration("onDelay").orElse(Duration.ZERO);
        Duration offDelay = m.duration("offDelay").orElse(Duration.ZERO);
        BigDecimal deadband = m.decimal("deadband").orElse(BigDecimal.ZERO);
        boolean latch = m.flag("latch").orElse(priority == AlarmPriority.LIFE_SAFETY);

        List<String> given = TESTS.stream().filter(m::has).toList();
        if (given.size() != 1) {
            m.error((given.isEmpty() ? "" : "fields " + String.join(", ", given) + ": ")
                    + "give exactly one condition: equals, in, above, below, risesBy or fallsBy");
            TESTS.forEach(m::value);
            m.rejectUnknownKeys();
            return Optional.empty();
        }
        String testWord = given.get(0);
        AlarmCondition.Test test = testWord.equals("risesBy") ? AlarmCondition.Test.RISES : testWord.equals("fallsBy") ? AlarmCondition.Test.FALLS
                : AlarmCondition.Test.valueOf(testWord.toUpperCase(java.util.Locale.ROOT));
        Duration within = m.duration("within").orElse(null);
        boolean rate = test == AlarmCondition.Test.RISES || test == AlarmCondition.Test.FALLS;
        if (rate && within == null) {
            m.missing("within", "the window the change is measured over, e.g. 1m (" + testWord + ": 8 within: 1m is a rise of 8 in a minute)");
        } else if (!rate && within != null) {
            m.error("within", "a window applies to risesBy and fallsBy only");
        }
        List<String> values = new ArrayList<>();
        BigDecimal threshold = null;
        YamlValue v = m.value(testWord).orElse(null);
        if (v != null) {
            if (test == AlarmCondition.Test.ABOVE || test == AlarmCondition.Test.BELOW || rate) {
                threshold = v.asDecimal().orElse(null);
                if (rate && threshold != null && threshold.signum() <= 0) {
                    v.error(testWord + " is the size of the change and must be positive, was " + threshold.toPlainString());
                }
                point.filter(p -> p.kind() != PointKind.GAUGE && p.kind() != PointKind.COUNTER).ifPresent(p ->
                        v.error(testWord + " compares numbers, but " + p.name() + " is a " + Words.word(p.kind()) + "; use equals or in"));
            } else {
                for (YamlValue item : v.asList()) {
                    item.asText().ifPresent(values::add);
                }
                point.ifPresent(p -> checkValues(v, p, values));
            }
        }
        if (deadband.signum() != 0 && threshold == null) {
            m.error("deadband", "a deadband applies to above, below, risesBy and fallsBy conditions only");
        }
        m.rejectUnknownKeys();
        if (type.isEmpty() || point.isEmpty() || priority == null) {
            return Optional.empty();
        }
        return Optional.of(new AlarmCondition(type.get(), label, point.get().name(), test, values, threshold, deadband,
                onDelay, offDelay, priority, latch, m.where(), within));
    }

    private static void checkValues(YamlValue v, Point p, List<String> values) {
        if (p.kind() == PointKind.STATE) {
            for (String s : values) {
                if (!p.states().containsValue(s)) {
                    v.error("'" + s + "' is not a state of " + p.name() + Suggestions.didYouMean(s, p.states().values())
                            + " (states: " + String.join(", ", p.states().values()) + ")");
                }
            }
        } else if (p.kind() == PointKind.FLAG) {
            for (String s : values) {
                if (!s.equals("true") && !s.equals("false")) {
                    v.error(p.name() + " is a flag; compare it with true or false, not '" + s + "'");
                }
            }
        }
    }
}
