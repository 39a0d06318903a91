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
    private boolean debounced;
    private Boolean raw;
    private Instant rawSince;

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
        Boolean now = test(number, text);
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
        Boolean now = test(number, text);
        if (now != null && now != debounced) {
            raw = now;
            rawSince = at;
        }
    }

    /** Applies the delays at {@code now}; returns the new debounced condition when it changed. */
    public Optional<Boolean> tick(Instant now) {
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

    /** When the pending change (if any) becomes due. */
    public Optional<Instant> due() {
        if (raw == null || raw == debounced || rawSince == null) {
            return Optional.empty();
        }
        Duration delay = raw ? rule.onDelay() : rule.offDelay();
        return Optional.of(delay == null ? rawSince : rawSince.plus(delay));
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

    private BigDecimal band() {
        return rule.deadband() == null ? BigDecimal.ZERO : rule.deadband();
    }
}
