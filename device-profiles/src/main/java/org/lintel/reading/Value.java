package org.lintel.reading;

/** A point's value in canonical form: a number in the canonical unit, a flag, a named state or text. */
public sealed interface Value {

    /** A gauge or counter value in the point's canonical unit. */
    record Numeric(double value) implements Value {
    }

    /** A flag: tamper, low battery. */
    record Flag(boolean value) implements Value {
    }

    /**
     * A named state, with the raw value the device sent so that an unmapped raw value is still visible.
     *
     * @param name the state name from the profile, or {@code unknown} when the raw value is not in the profile
     */
    record State(String name, String raw) implements Value {
    }

    /** Text, e.g. a serial number or firmware version. */
    record Text(String value) implements Value {
    }
}
