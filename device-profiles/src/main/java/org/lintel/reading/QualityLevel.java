package org.lintel.reading;

/** The three quality levels OPC UA and Sparkplug users know. */
public enum QualityLevel {
    GOOD,
    UNCERTAIN,
    BAD
}
