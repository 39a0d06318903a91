package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.site.AlarmRule;

/**
 * Works out the rules one device is evaluated with: its profile's alarm conditions and the hub's built-in rules
 * (communication loss, no data, and the counter checks of a billed meter), with the site's {@code alarmRules}
 * applied field by field, most specific last so that it wins.
 */
final class RuleBook {

    static final String NIGHT_FLOW = "night-flow";
    static final String COUNTER_DECREASE = "counter-decrease";
    static final String COUNTER_JUMP = "counter-jump";
    static final List<String> COUNTER_TYPES = List.of(NIGHT_FLOW, COUNTER_DECREASE, COUNTER_JUMP);

    /** The counter checks' defaults: a household leak shows as water flowing all night. */
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    static final Duration DEFAULT_FLOW_FOR = Duration.ofHours(2);
    static final LocalTime DEFAULT_NIGHT_FROM = LocalTime.of(1, 0);
    static final LocalTime DEFAULT_NIGHT_TO = LocalTime.of(5, 0);

    /** What a device is evaluated with. {@code counter} is empty when the device has no billed counter. */
    record DeviceRules(Map<String, AlarmCondition> conditions, Optional<CounterWatch.Settings> counter) {
    }

    private RuleBook() {
    }

    static DeviceRules forDevice(String device, String building, DeviceProfile profile, List<AlarmRule> siteRules, List<AlarmCondition> builtIns) {
        String profileId = profile == null ? null : profile.id();
        List<AlarmRule> matching = siteRules.stream().filter(r -> r.matches(device, building, profileId))
                .sorted(Comparator.comparingInt(AlarmRule::specificity)).toList(); // stable: file order within a kind
        Map<String, AlarmCondition> out = new LinkedHashMap<>();
        if (profile != null) {
            profile.alarms().forEach(a -> out.put(a.type(), a));
        }
        builtIns.forEach(a -> out.put(a.type(), a));
        Optional<Point> counter = Optional.empty();
        CounterWatch.Settings settings = null;
        if (profile != null) {
            String chosen = matching.stream().map(AlarmRule::counter).filter(c -> c != null && c.point() != null).map(AlarmRule.CounterSettings::point)
                    .reduce((a, b) -> b).orElse(null);
            counter = profile.points().stream().filter(p -> p.kind() == PointKind.COUNTER)
                    .filter(p -> chosen != null ? p.name().equals(chosen) : p.billing() != null).findFirst();
        }
        if (counter.isPresent()) {
            Point p = counter.get();
            BillingMeaning billing = p.billing();
            boolean water = billing == BillingMeaning.WATER || billing == BillingMeaning.HOT_WATER;
            out.put(COUNTER_DECREASE, synthetic(COUNTER_DECREASE, Label.of("Meter reading went backwards", "表读数倒退"), p.name(), AlarmPriority.MINOR));
            out.put(COUNTER_JUMP, synthetic(COUNTER_JUMP, Label.of("Implausible meter jump", "表读数异常跳变"), p.name(), AlarmPriority.MINOR));
            if (water) {
                out.put(NIGHT_FLOW, synthetic(NIGHT_FLOW, Label.of("Continuous night flow (possible leak)", "夜间持续流量（疑似漏水）"), p.name(),
                        AlarmPriority.MAJOR));
            }
            settings = new CounterWatch.Settings(p.name(), p.canonicalRollover().orElse(null), DEFAULT_WINDOW, DEFAULT_FLOW_FOR, DEFAULT_NIGHT_FROM,
                    DEFAULT_NIGHT_TO, defaultMaxPerHour(billing));
        }
        for (AlarmRule r : matching) {
            if (r.counter() != null && settings != null) {
                AlarmRule.CounterSettings c = r.counter();
                if (r.type().equals(NIGHT_FLOW) && !out.containsKey(NIGHT_FLOW)) {
                    out.put(NIGHT_FLOW, synthetic(NIGHT_FLOW, Label.of("Continuous flow (possible leak)", "持续流量（疑似漏水）"), settings.point(),
                            AlarmPriority.MAJOR));
                }
                settings = new CounterWatch.Settings(settings.point(), settings.rollover(), or(c.window(), settings.window()),
                        or(c.flowFor(), settings.flowFor()), or(c.nightFrom(), settings.nightFrom()), or(c.nightTo(), settings.nightTo()),
                        or(c.maxPerHour(), settings.maxPerHour()));
            }
            AlarmCondition a = out.get(r.type());
            if (a == null) {
                continue;
            }
            if (Boolean.FALSE.equals(r.enabled())) {
                out.remove(r.type());
                continue;
            }
            boolean numeric = a.test() == AlarmCondition.Test.ABOVE || a.test() == AlarmCondition.Test.BELOW || a.isRate();
            out.put(r.type(), new AlarmCondition(a.type(), a.label(), a.point(), a.test(), a.values(),
                    numeric ? or(r.threshold(), a.threshold()) : a.threshold(), numeric ? or(r.deadband(), a.deadband()) : a.deadband(),
                    or(r.onDelay(), a.onDelay()), or(r.offDelay(), a.offDelay()), or(r.priority(), a.priority()), a.latch(), a.where(), a.within()));
        }
        if (settings != null && settings.maxPerHour() == null) {
            out.remove(COUNTER_JUMP); // no plausible limit known for this quantity, and none given
        }
        return new DeviceRules(out, Optional.ofNullable(settings));
    }

    private static AlarmCondition synthetic(String type, Label label, String point, AlarmPriority priority) {
        return new AlarmCondition(type, label, point, AlarmCondition.Test.EQUALS, List.of(CounterWatch.YES), null, null, null, null, priority,
                false, null);
    }

    /**
     * The fastest a household meter of this kind can plausibly advance (canonical unit per hour): a DN20 water meter's
     * overload flow is 5 m³/h, a 60 A single-phase supply about 14 kWh/h and a common-area three-phase board some tens of kWh/h; the defaults leave room above those.
     */
    private static BigDecimal defaultMaxPerHour(BillingMeaning billing) {
        if (billing == null) {
            return null;
        }
        return switch (billing) {
            case WATER, HOT_WATER -> new BigDecimal("10");
            case ELECTRICITY -> new BigDecimal("100");
            case GAS -> new BigDecimal("10");
            case HEAT -> null;
        };
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
