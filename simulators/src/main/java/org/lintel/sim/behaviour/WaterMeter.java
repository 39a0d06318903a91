package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/**
 * A household water meter: water is drawn in bursts that are frequent in the morning and evening and nearly absent
 * at night; a leak adds a constant flow. Volume registers advance in 1 L (0.001 m³) steps.
 */
public final class WaterMeter implements Behaviour {

    /** A constant extra flow between two instants (end null = still leaking). */
    record Leak(Instant start, Instant end, double litresPerHour) {
    }

    private final long seed;
    private final long device;
    private final ZoneId zone;
    private final long initialMl;
    private final List<Leak> leaks = new CopyOnWriteArrayList<>();
    private final MinuteTotals forward;

    /** The meters behind a building's water incomer, empty for any other meter. */
    private final List<WaterMeter> downstream;

    public WaterMeter(long seed, String deviceId, ZoneId zone, Instant start) {
        this(seed, deviceId, zone, start, List.of());
    }

    private WaterMeter(long seed, String deviceId, ZoneId zone, Instant start, List<WaterMeter> downstream) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.zone = zone;
        this.initialMl = (long) Noise.between(seed, device, 2, 50, 900) * 1_000_000L;
        this.downstream = List.copyOf(downstream);
        this.forward = new MinuteTotals(start, this::mlInMinute);
    }

    /**
     * A building's water incomer: what the meters behind it measure, plus whatever leaks between them (a pipe leak is
     * a {@link #startLeak} on the incomer), so that its 漏损 is exactly its own leaks.
     */
    public static WaterMeter incomer(long seed, String deviceId, ZoneId zone, Instant start, List<WaterMeter> downstream) {
        return new WaterMeter(seed, deviceId, zone, start, downstream);
    }

    /** Starts a leak at {@code at}; affects only minutes from then on, so past ground truth is unchanged. */
    public void startLeak(Instant at, double litresPerHour) {
        leaks.add(new Leak(at, null, litresPerHour));
    }

    public void stopLeak(Instant at) {
        for (int i = 0; i < leaks.size(); i++) {
            Leak l = leaks.get(i);
            if (l.end() == null) {
                leaks.set(i, new Leak(l.start(), at, l.litresPerHour()));
            }
        }
    }

    private long drawMl(long epochMinute) {
        double p = DailyCurve.waterDrawProbability(DailyCurve.hourOf(epochMinute * 60, zone));
        if (Noise.unit(seed, device, epochMinute) >= p) {
            return 0;
        }
        return Math.round(Noise.between(seed, device ^ 0x5555L, epochMinute, 1.5, 12.0) * 1000);
    }

    private long leakMl(long epochMinute) {
        long total = 0;
        long from = epochMinute * 60;
        long to = from + 60;
        for (Leak l : leaks) {
            long s = Math.max(from, l.start().getEpochSecond());
            long e = Math.min(to, l.end() == null ? Long.MAX_VALUE : l.end().getEpochSecond());
            if (e > s) {
                total += Math.round(l.litresPerHour() * 1000 * (e - s) / 3600.0);
            }
        }
        return total;
    }

    private long mlInMinute(long epochMinute) {
        if (!downstream.isEmpty()) {
            return downstream.stream().mapToLong(m -> m.mlInMinute(epochMinute)).sum() + leakMl(epochMinute);
        }
        return drawMl(epochMinute) + leakMl(epochMinute);
    }

    BigDecimal forwardM3(Instant t) {
        long ml = initialMl + forward.totalAt(t);
        return BigDecimal.valueOf(Math.floorDiv(ml, 1000L)).movePointLeft(3);
    }

    @Override
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        if (point.name().equals("volume.forward.total")) {
            return Optional.of(forwardM3(t));
        }
        if (point.name().equals("volume.reverse.total")) {
            return Optional.of(BigDecimal.ZERO.setScale(3));
        }
        return Optional.empty();
    }

    @Override
    public Optional<Value> value(Point point, Instant t) {
        Optional<BigDecimal> total = trueTotal(point, t);
        if (total.isPresent()) {
            return Optional.of(new Value.Numeric(total.get().doubleValue()));
        }
        long minute = MinuteTotals.minuteOf(t);
        switch (point.name()) {
            case "flow.rate":
                return Optional.of(new Value.Numeric(BigDecimal.valueOf(mlInMinute(minute) * 60L)
                        .movePointLeft(6).setScale(3, RoundingMode.HALF_UP).doubleValue()));
            case "pipe.state":
                return Optional.of(new Value.State("full", null));
            case "volume.prepaid.remaining":
                return Optional.of(new Value.Numeric(20.0));
            case "battery.voltage":
                return Optional.of(new Value.Numeric(3.62 - Math.min(0.5, Math.floorDiv(minute, 1440) % 3650 * 0.0001)));
            case "valve.open":
                return Optional.of(new Value.Flag(true));
            case "valve.closed":
            case "valve.fault":
            case "battery.low":
                return Optional.of(new Value.Flag(false));
            case "valve.status":
                return Optional.of(new Value.Numeric(1));
            default:
                return Optional.empty();
        }
    }
}
