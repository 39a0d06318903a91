package org.lintel.profile;

import java.math.BigDecimal;

/** The plausible range of a point, in its canonical unit; a value outside is reported with quality "out of range". */
public record ValueRange(BigDecimal min, BigDecimal max) {

    public boolean contains(double value) {
        return (min == null || value >= min.doubleValue()) && (max == null || value <= max.doubleValue());
    }
}
