package org.lintel.hub.usage;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A counter's value at a period boundary and how it was obtained.
 *
 * @param method {@code measured} (a reading within the tolerance), {@code recorded} (entered at a meter replacement),
 *               {@code interpolated} (linear between the readings around it), {@code carried-forward} (the last
 *               reading before, none after), {@code carried-back} (the first reading after, none before) or
 *               {@code provisional} (a boundary still in the future: the latest reading so far); all but measured and
 *               recorded are estimates
 */
public record BoundaryReading(Instant at, BigDecimal value, String method, Instant basedOnFrom, Instant basedOnTo) {

    public boolean estimated() {
        return !"measured".equals(method) && !"recorded".equals(method);
    }
}
