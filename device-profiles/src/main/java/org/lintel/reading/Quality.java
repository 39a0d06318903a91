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
}
