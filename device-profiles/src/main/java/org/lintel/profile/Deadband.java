package org.lintel.profile;

import java.math.BigDecimal;

/**
 * Report-by-exception threshold: a new value is sent only when it differs from the last sent one by at least the
 * deadband (in the point's canonical unit, or in percent of the last sent value). Counters are not filtered by it:
 * every change of a counter is reported (see the edge's report by exception).
 */
public record Deadband(Mode mode, BigDecimal amount) {

    /** How the amount is measured. */
    public enum Mode { ABSOLUTE, PERCENT }

    public static final Deadband NONE = new Deadband(Mode.ABSOLUTE, BigDecimal.ZERO);

    /**
     * True when {@code next} should be reported after {@code lastSent}: it moved by at least the deadband. Values
     * decoded from float32 registers are off by up to half a float32 step of their magnitude, so a move of exactly
     * one deadband (a deadband equal to the register's resolution, 277.002 to 277.004 m³) can come out a hair short
     * or long; a move within two such steps of the deadband counts as reaching it, whichever way it was rounded.
     */
    public boolean exceeded(double lastSent, double next) {
        double delta = Math.abs(next - lastSent);
        if (amount.signum() == 0) {
            return delta > 0;
        }
        double limit = mode == Mode.ABSOLUTE ? amount.doubleValue() : Math.abs(lastSent) * amount.doubleValue() / 100.0;
        double representation = 2 * Math.ulp((float) Math.max(Math.abs(lastSent), Math.abs(next)));
        return delta > 0 && delta >= limit - representation;
    }
}
