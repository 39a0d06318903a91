package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/**
 * The fallback for any point a specific behaviour does not model (new profiles work at once): gauges wander inside
 * their range, counters grow one unit per simulated hour, states rest in their first state, flags are false.
 */
public final class Generic implements Behaviour {

    private final long seed;
    private final long device;
    private final Instant start;

    public Generic(long seed, String deviceId, Instant start) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.start = start;
    }

    @Override
    public Optional<Value> value(Point point, Instant t) {
        switch (point.kind()) {
            case STATE:
                return Optional.of(new Value.State(point.states().values().stream().findFirst().orElse("unknown"), null));
            case FLAG:
                return Optional.of(new Value.Flag(false));
            case COUNTER:
                return trueTotal(point, t).map(v -> new Value.Numeric(v.doubleValue()));
            default:
                if (point.type() == org.lintel.profile.DataType.STRING) {
                    return Optional.of(new Value.Text("SIM-" + Long.toHexString(device & 0xFFFFFF).toUpperCase()));
                }
                double lo = point.range() != null && point.range().min() != null ? point.range().min().doubleValue() : 0;
                double hi = point.range() != null && point.range().max() != null ? point.range().max().doubleValue() : 100;
                double mid = (lo + hi) / 2;
                double wobble = (hi - lo) * 0.05 * Noise.between(seed, device ^ point.name().hashCode(), t.getEpochSecond() / 60, -1, 1);
                return Optional.of(new Value.Numeric(mid + wobble));
        }
    }

    @Override
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        if (point.kind() != PointKind.COUNTER) {
            return Optional.empty();
        }
        long hours = Math.max(0, (t.getEpochSecond() - start.getEpochSecond()) / 3600);
        return Optional.of(BigDecimal.valueOf(hours));
    }
}
