package org.lintel.profile;

/**
 * What a point's value means over time. The hub treats each kind differently: gauges are averaged, counters are
 * differenced into usage (with rollover), states and flags raise alarms on change.
 */
public enum PointKind {
    /** An instantaneous measurement: voltage, flow, temperature. */
    GAUGE,
    /** A cumulative total that only grows, wrapping to zero at its rollover limit: energy, volume, trips. */
    COUNTER,
    /** One of an enumerated set of states with names: door open/closed, detector normal/fire. */
    STATE,
    /** A true/false condition: tamper, low battery. */
    FLAG
}
