package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;

/**
 * A roof tank: the level falls as the building draws water and the pump refills it from 2.0 m to 4.0 m, a sawtooth
 * with a two-hour period. Commissioning registers read unit code 7 (mH2O) and 3 decimals, as the profile assumes.
 */
public final class TankLevel implements Behaviour {

    @Override
    public Optional<Value> value(Point point, Instant t) {
        switch (point.name()) {
            case "level": {
                double phase = (t.getEpochSecond() % 7200) / 7200.0;
                double level = phase < 0.8 ? 4.0 - 2.0 * phase / 0.8 : 2.0 + 2.0 * (phase - 0.8) / 0.2;
                return Optional.of(new Value.Numeric(BigDecimal.valueOf(level).setScale(3, java.math.RoundingMode.HALF_UP).doubleValue()));
            }
            case "config.unit_code":
                return Optional.of(new Value.State("mh2o", null));
            case "config.decimals":
                return Optional.of(new Value.Numeric(3));
            case "range.zero":
                return Optional.of(new Value.Numeric(0));
            case "range.full":
                return Optional.of(new Value.Numeric(5));
            default:
                return Optional.empty();
        }
    }

    @Override
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        return Optional.empty();
    }
}
