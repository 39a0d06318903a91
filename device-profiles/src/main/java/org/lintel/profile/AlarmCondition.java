package org.lintel.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A default alarm declared by a profile for one of its points, e.g. "{@code alarm.state} equals {@code fire} is a
 * life-safety alarm that latches". Sites may override these; the hub's alarm engine evaluates them.
 *
 * @param type      the alarm type, unique per profile (one active alarm per device and type)
 * @param test      how the point's value is compared
 * @param values    the state names or flag value for {@link Test#EQUALS} and {@link Test#IN}
 * @param threshold the limit for {@link Test#ABOVE} and {@link Test#BELOW}, or the change for {@link Test#RISES} and
 *                  {@link Test#FALLS}, in the point's canonical unit
 * @param deadband  hysteresis: the value must come back past the threshold by this much to return to normal
 * @param onDelay   the condition must hold this long before the alarm activates (chatter control)
 * @param offDelay  the condition must be clear this long before the alarm returns to normal
 * @param latch     the alarm stays active until a person resets it, even if the condition clears
 * @param within    for {@link Test#RISES} and {@link Test#FALLS}: the window over which the change is measured
 */
public record AlarmCondition(
        String type,
        Label label,
        String point,
        Test test,
        List<String> values,
        BigDecimal threshold,
        BigDecimal deadband,
        Duration onDelay,
        Duration offDelay,
        AlarmPriority priority,
        boolean latch,
        Where where,
        Duration within) {

    /**
     * The comparison an alarm condition makes. RISES and FALLS are rate conditions: the value changed by at least the
     * threshold within the window (a heat detector's rate of rise, a tank draining fast).
     */
    public enum Test { EQUALS, IN, ABOVE, BELOW, RISES, FALLS }

    public AlarmCondition {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** A condition that is not a rate condition. */
    public AlarmCondition(String type, Label label, String point, Test test, List<String> values, BigDecimal threshold, BigDecimal deadband,
                          Duration onDelay, Duration offDelay, AlarmPriority priority, boolean latch, Where where) {
        this(type, label, point, test, values, threshold, deadband, onDelay, offDelay, priority, latch, where, null);
    }

    /** Whether the condition compares a change over a window rather than the value itself. */
    public boolean isRate() {
        return test == Test.RISES || test == Test.FALLS;
    }
}
