package org.lintel.reading;

import java.math.BigDecimal;

/**
 * A value as decoded from the device's bytes, before scale, offset, unit conversion and state mapping. Integers
 * stay exact decimals so that a counter of 0.01 kWh steps converts without binary rounding.
 */
public sealed interface RawValue {

    record Integer(BigDecimal value) implements RawValue {
    }

    record Floating(double value) implements RawValue {
    }

    record Bool(boolean value) implements RawValue {
    }

    record Text(String value) implements RawValue {
    }

    static RawValue of(long v) {
        return new Integer(BigDecimal.valueOf(v));
    }
}
