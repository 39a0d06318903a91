package org.lintel.profile;

import java.math.BigDecimal;

/**
 * Report-by-exception threshold: a new value is sent only when it differs from the last sent one by more than the
 * deadband (in the point's canonical unit, or in percent of the last sent value).
 */
public record Deadband(Mode mode, BigDecimal amount) {

    /** How the amount is measured. */
    public enum Mode { ABSOLUTE, PERCENT }

    public static final Deadband NONE = new Deadband(Mode.ABSOLUTE, BigDecimal.ZERO);

    /** True when {@code next} should be reported after {@code lastSent}. */
    public boolean exceeded(double lastSent, double next) {
        double delta = Math.abs(next - lastSent);
        double limit = mode == Mode.ABSOLUTE ? amount.doubleValue() : Math.abs(lastSent) * amount.doubleValue() / 100.0;
        return amount.signum() == 0 ? delta > 0 : delta > limit;
    }
}
