package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/**
 * An electricity meter: power follows a household's daily load curve (or a building's, for three-phase meters),
 * import energy is its exact integral, and voltages, currents and power factor are consistent with the power.
 * Energy registers advance in 0.01 kWh steps, as the meters' displays do.
 */
public final class ElectricityMeter implements Behaviour {

    private static final BigDecimal STEP_MICRO = BigDecimal.valueOf(10_000); // 0.01 kWh in micro-kWh

    private final long seed;
    private final long device;
    private final ZoneId zone;
    private final double size;
    private final long initialMicroKwh;
    private final MinuteTotals imported;

    /**
     * @param threePhase three-phase meters (building incomers, common areas) carry the load of many households
     */
    public ElectricityMeter(long seed, String deviceId, ZoneId zone, Instant start, boolean threePhase) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.zone = zone;
        this.size = Noise.between(seed, device, 1, 0.6, 1.6) * (threePhase ? 25 : 1);
        this.initialMicroKwh = (long) Noise.between(seed, device, 2, 800, 9000) * 1_000_000L * (threePhase ? 10 : 1);
        this.imported = new MinuteTotals(start, this::microKwhInMinute);
    }

    /** Active power in kW during an epoch minute. */
    double powerKw(long epochMinute) {
        long day = Math.floorDiv(epochMinute, 1440);
        double dayFactor = Noise.between(seed, device, 1000 + day, 0.8, 1.2);
        double jitter = Noise.between(seed, device, epochMinute, 0.85, 1.15);
        return DailyCurve.electricityKw(DailyCurve.hourOf(epochMinute * 60, zone)) * size * dayFactor * jitter;
    }

    private long microKwhInMinute(long epochMinute) {
        return Math.round(powerKw(epochMinute) * 1e6 / 60.0);
    }

    /** Exact import energy by {@code t}, floored to the register's 0.01 kWh step. */
    BigDecimal importKwh(Instant t) {
        long micro = initialMicroKwh + imported.totalAt(t);
        return BigDecimal.valueOf(micro).divide(STEP_MICRO, 0, RoundingMode.FLOOR).movePointLeft(2);
    }

    @Override
    public Optional<BigDecimal> trueTotal(Point point, Instant t) {
        switch (point.name()) {
            case "energy.import.total":
            case "energy.total":
                return Optional.of(importKwh(t));
            case "energy.export.total":
                return Optional.of(BigDecimal.ZERO.setScale(2));
            case "energy.reactive.import":
                return Optional.of(importKwh(t).multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.FLOOR));
            case "energy.reactive.export":
                return Optional.of(BigDecimal.ZERO.setScale(2));
            default:
                return Optional.empty();
        }
    }

    @Override
    public Optional<Value> value(Point point, Instant t) {
        Optional<BigDecimal> total = trueTotal(point, t);
        if (total.isPresent()) {
            return Optional.of(new Value.Numeric(total.get().doubleValue()));
        }
        long minute = MinuteTotals.minuteOf(t);
        double p = powerKw(minute);
        double pf = Noise.between(seed, device, 3, 0.93, 0.98);
        double v = 230 + Noise.between(seed, device, minute * 7 + 1, -3, 3);
        String n = point.name();
        boolean perPhase = n.endsWith(".l1") || n.endsWith(".l2") || n.endsWith(".l3");
        double phaseShare = perPhase ? (n.endsWith(".l1") ? 0.36 : n.endsWith(".l2") ? 0.33 : 0.31) : 1.0;
        double value;
        if (n.startsWith("voltage.l") && n.contains("_")) {
            value = v * Math.sqrt(3);
        } else if (n.startsWith("voltage")) {
            value = v;
        } else if (n.startsWith("current")) {
            value = p * phaseShare * 1000 / (v * pf);
        } else if (n.startsWith("power.active") || n.startsWith("demand.power")) {
            value = p * phaseShare;
        } else if (n.startsWith("power.apparent")) {
            value = p * phaseShare / pf;
        } else if (n.startsWith("power.reactive")) {
            value = p * phaseShare * Math.tan(Math.acos(pf));
        } else if (n.startsWith("power_factor")) {
            value = pf;
        } else if (n.equals("phase_angle")) {
            value = Math.toDegrees(Math.acos(pf));
        } else if (n.equals("frequency")) {
            value = 50 + Noise.between(seed, device, minute * 7 + 2, -0.03, 0.03);
        } else {
            return Optional.empty();
        }
        return Optional.of(new Value.Numeric(value));
    }
}
