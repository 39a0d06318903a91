package org.lintel.hub.alarm;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lintel.profile.AlarmCondition;

/**
 * Turns a point's values into a debounced alarm condition: the raw test (equals / in / above / below with a deadband
 * on the way back), then the on-delay (the condition must hold this long before it counts) and off-delay (it must be
 * clear this long). Delays are also checked by {@link #tick}, on the hub's clock, so an alarm activates on time even
 * when the device sends nothing further.
 */
public final class ConditionTracker {

    private final AlarmCondition rule;
    /** For rate conditions: recent (time, value) pairs, the oldest kept as the value at the window's start. */
    private final java.util.ArrayDeque<Sample> recent = new java.util.ArrayDeque<>();
    private boolean debounced;
    private Boolean raw;
    private Instant rawSince;

    private record Sample(Instant at, double value) {
    }

    public ConditionTracker(AlarmCondition rule, boolean active) {
        this.rule = rule;
        this.debounced = active;
        this.raw = active;
    }

    public AlarmCondition rule() {
        return rule;
    }

    /**
     * A new value of the rule's point (a number, a state name, or a flag as {@code "true"}/{@code "false"}). Returns the
     * new debounced condition when it changed now.
     */
    public Optional<Boolean> value(Double number, String text, Instant at) {
        if (rule.isRate() && number != null) {
            if (!recent.isEmpty() && at.isBefore(recent.peekLast().at())) {
                return Optional.empty(); // a late value says nothing about the change now
            }
            recent.addLast(new Sample(at, number));
        }
        Boolean now = rule.isRate() ? rate(at) : test(number, text);
        if (now == null) {
            return Optional.empty(); // a value this rule cannot judge (bad quality, wrong type): keep the present condition
        }
        if (raw == null || now.booleanValue() != raw.booleanValue()) {
            raw = now;
            rawSince = at;
        }
        return tick(at);
    }

    /**
     * What the point said before the hub (re)started watching it, with the time it said so: a condition already
     * pending its on-delay then completes the delay on the hub's clock instead of starting over, even if the device
     * (reporting by exception) sends nothing further. Changes no alarm by itself; {@link #tick} does.
     */
    public void seed(Double number, String text, Instant at) {
        if (rule.isRate()) {
            if (number != null && recent.isEmpty()) {
                recent.addLast(new Sample(at, number)); // the value the device has stood at: the baseline of the next change
            }
            return;
        }
        Boolean now = test(number, text);
        if (now != null && now != debounced) {
            raw = now;
            rawSince = at;
        }
    }

    /** Applies the delays at {@code now}; returns the new debounced condition when it changed. */
    public Optional<Boolean> tick(Instant now) {
        if (rule.isRate() && !recent.isEmpty()) {
            // a rise ends when the window moves past it, whether or not the device reports again (report by exception)
            Boolean r = rate(now);
            if (r != null && (raw == null || r.booleanValue() != raw.booleanValue())) {
                raw = r;
                rawSince = now;
            }
        }
        if (raw == null || raw == debounced || rawSince == null) {
            return Optional.empty();
        }
        Duration delay = raw ? rule.onDelay() : rule.offDelay();
        if (delay == null || !now.isBefore(rawSince.plus(delay))) {
            debounced = raw;
            return Optional.of(debounced);
        }
        return Optional.empty();
    }


    public boolean active() {
        return debounced;
    }

    private Boolean test(Double number, String text) {
        switch (rule.test()) {
            case EQUALS, IN -> {
                String v = text != null ? text : number == null ? null : (number == 1.0 ? "true" : number == 0.0 ? "false" : null);
                return v == null ? null : rule.values().contains(v);
            }
            case ABOVE -> {
                if (number == null) {
                    return null;
                }
                BigDecimal limit = debounced || Boolean.TRUE.equals(raw) ? rule.threshold().subtract(band()) : rule.threshold();
                return BigDecimal.valueOf(number).compareTo(limit) > 0;
            }
            case BELOW -> {
                if (number == null) {
                    return null;
                }
                BigDecimal limit = debounced || Boolean.TRUE.equals(raw) ? rule.threshold().add(band()) : rule.threshold();
                return BigDecimal.valueOf(number).compareTo(limit) < 0;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Whether the value changed by the threshold within the window ending at {@code at}: the latest value against the
     * lowest (for a rise) or highest (for a fall) seen in the window, counting the last value before the window as its
     * start (a device reporting by exception sent nothing while it stood still).
     */
    private Boolean rate(Instant at) {
        Instant start = at.minus(rule.within());
        while (recent.size() > 1) {
            java.util.Iterator<Sample> it = recent.iterator();
            it.next();
            if (it.next().at().isAfter(start)) {
                break;
            }
            recent.removeFirst(); // the next one is also at or before the window's start: it is the better baseline
        }
        if (recent.isEmpty()) {
            return null;
        }
        double last = recent.peekLast().value();
        double change = 0;
        for (Sample s : recent) {
            change = Math.max(change, rule.test() == AlarmCondition.Test.RISES ? last - s.value() : s.value() - last);
        }
        BigDecimal limit = debounced || Boolean.TRUE.equals(raw) ? rule.threshold().subtract(band()) : rule.threshold();
        return BigDecimal.valueOf(change).compareTo(limit) >= 0;
    }

    private BigDecimal band() {
        return rule.deadband() == null ? BigDecimal.ZERO : rule.deadband();
    }
}
