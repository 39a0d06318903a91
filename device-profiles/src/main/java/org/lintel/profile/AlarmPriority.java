package org.lintel.profile;

/** Alarm priorities, most urgent first. Life-safety alarms (fire, trapped passenger) bypass grouping and rate limits. */
public enum AlarmPriority {
    LIFE_SAFETY,
    CRITICAL,
    MAJOR,
    MINOR,
    WARNING
}
