package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/** A smoke detector at rest: baseline obscuration, room temperature with a daily swing, a slowly draining battery. */
public final class SmokeDetector implements Behaviour {

    private final long seed;
    private final long device;
    private final ZoneId zone;
    private final Instant start;

    public SmokeDetector(long seed, String deviceId, ZoneId zone, Instant start) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.zone = zone;
        this.start = start;
    }

    @Override
    public Optional<Value> value(Point point, Instant t) {
        long minute = Math.floorDiv(t.getEpochSecond(), 60);
        switch (point.name()) {
            case "alarm.state":
                return Optional.of(new Value.State("normal", null));
            case "tamper":
            case "battery.low":
                return Optional.of(new Value.Flag(false));
            case "smoke.obscuration":
                return Optional.of(new Value.Numeric(round(Noise.between(seed, device, minute, 0.02, 0.12), 2)));
            case "temperature": {
                double hour = DailyCurve.hourOf(t.getEpochSecond(), zone);
                return Optional.of(new Value.Numeric(round(21.5 + 1.5 * Math.sin((hour - 9) / 24 * 2 * Math.PI)
                        + Noise.between(seed, device, minute, -0.2, 0.2), 1)));
            }
            case "battery.level": {
                long days = Math.max(0, (t.getEpochSecond() - start.getEpochSecond()) / 86_400);
                double initial = Noise.between(seed, device, 4, 70, 100);
                return Optional.of(new Value.Numeric(Math.max(0, Math.floor(initial - days / 30.0))));
            }
            default:
                return Optional.empty();
        }
    }

    private static double round(double v, int decimals) {
        return BigDecimal.valueOf(v).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    @Override
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        return Optional.empty();
    }
}
