package org.lintel.hub.alarm;

/** The ISA-18.2 alarm states Lintel uses (shelving and out-of-service are kept beside the state, not in it). */
public enum AlarmState {
    /** Condition clear and nothing left to acknowledge. */
    NORMAL,
    /** Condition active (or latched), nobody has acknowledged it yet. */
    ACTIVE_UNACKNOWLEDGED,
    /** Condition active (or latched) and acknowledged. */
    ACTIVE_ACKNOWLEDGED,
    /** Condition cleared before anybody acknowledged it. */
    RETURNED_UNACKNOWLEDGED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    public boolean isNormal() {
        return this == NORMAL;
    }
}
