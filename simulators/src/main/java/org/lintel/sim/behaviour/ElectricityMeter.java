package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;
import org.lintel.sim.clock.Noise;

/**
 * An electricity meter: power follows a household's daily load curve (or a building's, for three-phase meters),
 * import energy is its exact integral, and voltages, currents and power factor are consistent with the power.
 * Energy registers advance in 0.01 kWh steps, as the meters' displays do. A building's incomer measures what its
 * sub-meters measure plus the losses of the building's wiring (2–6 %, fixed per incomer), so that loss and 公摊 figures
 * computed from the demo are meaningful.
 */
public final class ElectricityMeter implements Behaviour {

    private static final BigDecimal STEP_MICRO = BigDecimal.valueOf(10_000); // 0.01 kWh in micro-kWh

    private final long seed;
    private final long device;
    private final ZoneId zone;
    private final double size;
    private final long initialMicroKwh;
    private final MinuteTotals imported;
    /** The sub-meters behind an incomer, empty for any other meter. */
    private final List<ElectricityMeter> downstream;
    private final double losses;

    /**
     * @param threePhase three-phase meters (building incomers, common areas) carry the load of many households
     */
    public ElectricityMeter(long seed, String deviceId, ZoneId zone, Instant start, boolean threePhase) {
        this(seed, deviceId, zone, start, threePhase, List.of());
    }

    private ElectricityMeter(long seed, String deviceId, ZoneId zone, Instant start, boolean threePhase, List<ElectricityMeter> downstream) {
        this.seed = seed;
        this.device = Noise.of(deviceId);
        this.zone = zone;
        this.size = Noise.between(seed, device, 1, 0.6, 1.6) * (threePhase ? 25 : 1);
        this.initialMicroKwh = (long) Noise.between(seed, device, 2, 800, 9000) * 1_000_000L * (threePhase ? 10 : 1);
        this.downstream = List.copyOf(downstream);
        this.losses = Noise.between(seed, device, 4, 0.02, 0.06);
        this.imported = new MinuteTotals(start, this::microKwhInMinute);
    }

    /** A building's incomer: what the meters behind it measure, plus the building's wiring losses. */
    public static ElectricityMeter incomer(long seed, String deviceId, ZoneId zone, Instant start, List<ElectricityMeter> downstream) {
        return new ElectricityMeter(seed, deviceId, zone, start, true, downstream);
    }

    /** The share lost between this incomer and the meters behind it (0 for a meter that is not an incomer). */
    public double losses() {
        return downstream.isEmpty() ? 0 : losses;
    }

    /** Active power in kW during an epoch minute. */
    double powerKw(long epochMinute) {
        if (!downstream.isEmpty()) {
            return downstream.stream().mapToDouble(m -> m.powerKw(epochMinute)).sum() * (1 + losses);
        }
        long day = Math.floorDiv(epochMinute, 1440);
        double dayFactor = Noise.between(seed, device, 1000 + day, 0.8, 1.2);
        double jitter = Noise.between(seed, device, epochMinute, 0.85, 1.15);
        return DailyCurve.electricityKw(DailyCurve.hourOf(epochMinute * 60, zone)) * size * dayFactor * jitter;
    }

    private long microKwhInMinute(long epochMinute) {
        if (!downstream.isEmpty()) {
            // from the sub-meters' exact minute amounts, so that the incomer never reads less than their sum
            return Math.round(downstream.stream().mapToLong(m -> m.microKwhInMinute(epochMinute)).sum() * (1 + losses));
        }
        return Math.round(powerKw(epochMinute) * 1e6 / 60.0);
    }

    /** Exact import energy by {@code t}, floored to the register's 0.01 kWh step. */
    BigDecimal importKwh(Instant t) {
        long micro = initialMicroKwh + imported.totalAt(t);
        return BigDecimal.valueOf(micro).divide(STEP_MICRO, 0, RoundingMode.FLOOR).movePointLeft(2);
    }

    private double phaseVoltage(long minute, int phase) {
        return 230 + Noise.between(seed, device, minute * 7 + 1 + phase * 1_000_003L, -3, 3);
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
        String n = point.name();
        boolean perPhase = n.endsWith(".l1") || n.endsWith(".l2") || n.endsWith(".l3");
        // each phase its own voltage: a three-phase supply is never exactly balanced
        int phase = n.endsWith(".l2") || n.endsWith("l2_l3") ? 2 : n.endsWith(".l3") || n.endsWith("l3_l1") ? 3 : 1;
        double v = phaseVoltage(minute, phase);
        double phaseShare = perPhase ? (n.endsWith(".l1") ? 0.36 : n.endsWith(".l2") ? 0.33 : 0.31) : 1.0;
        double value;
        if (n.startsWith("voltage.l") && n.contains("_")) {
            value = (v + phaseVoltage(minute, phase % 3 + 1)) / 2 * Math.sqrt(3);
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
