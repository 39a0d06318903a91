package org.lintel.reading;

/** Why a reading is not good. A failing device yields readings with one of these, never silence. */
public enum QualityReason {
    NONE,
    /** The device did not answer in time. */
    TIMEOUT,
    /** The device answered with a Modbus exception (the code is in the detail). */
    EXCEPTION_CODE,
    /** The connection to the device or bus could not be made or broke. */
    COMMUNICATION_FAILURE,
    /** The value is outside the profile's plausible range. */
    OUT_OF_RANGE,
    /** The raw value is not among the profile's states. */
    UNKNOWN_STATE,
    /** The bytes could not be decoded as the profile says (wrong length, bad payload, missing field). */
    DECODE_ERROR,
    /** The device reports its own sensor or measurement as faulty. */
    DEVICE_FAILURE,
    /** The value was estimated, not measured (e.g. a silent meter at a billing boundary). */
    ESTIMATED,
    /** The value is the last known one; no fresh value arrived within the expected interval. */
    STALE,
    /** The configuration for this point is unusable. */
    CONFIGURATION_ERROR
}
