package org.lintel.hub.alarm;

import java.time.Instant;
import java.util.Optional;

/**
 * The ISA-18.2 state machine of one alarm (one device and alarm type). Condition changes come from the rule;
 * acknowledge and reset come from people. A latching alarm (fire, trapped passenger) stays active when its condition
 * clears, until it has been acknowledged and a person resets it. Not thread-safe: the alarm engine gives each device
 * one writer.
 */
public final class AlarmLifecycle {

    private AlarmState state;
    private boolean conditionActive;
    private final boolean latching;
    private int occurrences;

    public AlarmLifecycle(boolean latching) {
        this(latching, AlarmState.NORMAL, false, 0);
    }

    /** Restores a lifecycle stored before a restart. */
    public AlarmLifecycle(boolean latching, AlarmState state, boolean conditionActive, int occurrences) {
        this.latching = latching;
        this.state = state;
        this.conditionActive = conditionActive;
        this.occurrences = occurrences;
    }

    public AlarmState state() {
        return state;
    }

    public boolean conditionActive() {
        return conditionActive;
    }

    public int occurrences() {
        return occurrences;
    }

    /** The rule's condition became active; a new occurrence unless the alarm is already active. */
    public Optional<Transition> activate(Instant at, String why) {
        conditionActive = true;
        if (state == AlarmState.ACTIVE_UNACKNOWLEDGED || state == AlarmState.ACTIVE_ACKNOWLEDGED) {
            return Optional.empty();
        }
        occurrences++;
        return move(AlarmState.ACTIVE_UNACKNOWLEDGED, at, "rule", why);
    }

    /** The rule's condition cleared. */
    public Optional<Transition> clear(Instant at, String why) {
        conditionActive = false;
        if (latching) {
            return Optional.empty(); // stays until a person resets it
        }
        return switch (state) {
            case ACTIVE_UNACKNOWLEDGED -> move(AlarmState.RETURNED_UNACKNOWLEDGED, at, "rule", why);
            case ACTIVE_ACKNOWLEDGED -> move(AlarmState.NORMAL, at, "rule", why);
            default -> Optional.empty();
        };
    }

    /** A person acknowledged the alarm. */
    public Transition acknowledge(Instant at, String by, String note) {
        return switch (state) {
            case ACTIVE_UNACKNOWLEDGED -> move(AlarmState.ACTIVE_ACKNOWLEDGED, at, by, note).orElseThrow();
            case RETURNED_UNACKNOWLEDGED -> move(AlarmState.NORMAL, at, by, note).orElseThrow();
            default -> throw new AlarmActionException("the alarm is " + state.id() + "; only an unacknowledged alarm can be acknowledged");
        };
    }

    /** A person reset a latched alarm: allowed once acknowledged and once its condition has cleared. */
    public Transition reset(Instant at, String by, String note) {
        if (!latching) {
            throw new AlarmActionException("this alarm does not latch; it returns to normal by itself");
        }
        if (state != AlarmState.ACTIVE_ACKNOWLEDGED) {
            throw new AlarmActionException("the alarm is " + state.id() + "; acknowledge it before resetting it");
        }
        if (conditionActive) {
            throw new AlarmActionException("the condition is still active (the device still reports it); it cannot be reset yet");
        }
        return move(AlarmState.NORMAL, at, by, note).orElseThrow();
    }

    private Optional<Transition> move(AlarmState to, Instant at, String by, String why) {
        Transition t = new Transition(state, to, at, by, why);
        state = to;
        return Optional.of(t);
    }
}
