package org.lintel.reading;

import java.util.Objects;

/**
 * The quality of a reading, with the reason and a human detail (e.g. {@code exception 0x02 illegal data address}).
 */
public record Quality(QualityLevel level, QualityReason reason, String detail) {

    public static final Quality GOOD = new Quality(QualityLevel.GOOD, QualityReason.NONE, null);

    public Quality {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(reason, "reason");
    }

    public static Quality bad(QualityReason reason, String detail) {
        return new Quality(QualityLevel.BAD, reason, detail);
    }

    public static Quality uncertain(QualityReason reason, String detail) {
        return new Quality(QualityLevel.UNCERTAIN, reason, detail);
    }

    public boolean isGood() {
        return level == QualityLevel.GOOD;
    }

    /**
     * Whether the reading shows that the device answered, even with a value judged bad (out of range, a Modbus
     * exception, its own sensor fault): false when it did not answer in time, could not be reached, the value is only
     * the last known one, or the point cannot be read as configured. Liveness counts only answers.
     */
    public boolean deviceAnswered() {
        return switch (reason) {
            case TIMEOUT, COMMUNICATION_FAILURE, STALE, CONFIGURATION_ERROR -> false;
            default -> true;
        };
    }
}
