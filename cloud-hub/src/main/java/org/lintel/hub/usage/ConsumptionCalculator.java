package org.lintel.hub.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.telemetry.timeseries.CounterRun;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;

/**
 * Turns counter readings into usage between two instants: over every meter that served the target (meter
 * replacement: old meter's final reading minus its start, plus the new meter's reading minus its initial reading),
 * through counter rollover (accepted only when the previous reading was within {@code rolloverBand} of the limit),
 * and with estimated boundaries marked as such. Values are exact decimals, rounded to {@code SCALE} places half-even
 * once, at the boundary readings; differences are then exact.
 */
public final class ConsumptionCalculator {

    /** Decimal places of counter readings (0.001 kWh or m³ is finer than any library meter's register step). */
    public static final int SCALE = 3;
    private static final int MAX_READINGS = 2_000_000;
    /** At most this many readings of one meter are held for time-of-use bands (a month of one-second readings is 2.6 million). */
    private static final int WINDOW_READINGS = 200_000;

    private final TimeSeriesStore store;
    private final CounterReadings readings;
    private final Duration tolerance;
    private final BigDecimal rolloverBand;
    private final Clock clock;

    /**
     * @param tolerance    a reading this close before a boundary counts as measured at the boundary
     * @param rolloverBand fraction of the limit: a decrease counts as rollover only if the previous reading was above
     *                     {@code limit × (1 − band)}
     */
    public ConsumptionCalculator(TimeSeriesStore store, Duration tolerance, BigDecimal rolloverBand, Clock clock) {
        this(store, new StoreReadings(store), tolerance, rolloverBand, clock);
    }

    private ConsumptionCalculator(TimeSeriesStore store, CounterReadings readings, Duration tolerance, BigDecimal rolloverBand, Clock clock) {
        this.store = store;
        this.readings = readings;
        this.clock = clock;
        this.tolerance = tolerance;
        this.rolloverBand = rolloverBand;
    }

    /**
     * The same calculator for many targets of one site over the same instants (a bill run): each boundary is read for
     * every meter of the site at once (see {@link SiteBatchReadings}). Answers are the same as this calculator's.
     */
    public ConsumptionCalculator batched() {
        return new ConsumptionCalculator(store, new SiteBatchReadings(store), tolerance, rolloverBand, clock);
    }

    /** Usage of one point over [from, to) for the given assignments (already filtered to the target). */
    public Consumption calculate(String site, String target, String point, String unit, BigDecimal rolloverLimit,
                                 List<MeterAssignment> assignments, Instant from, Instant to) {
        return calculate(readings, site, target, point, unit, rolloverLimit, assignments, from, to);
    }

    /**
     * Usage of one point over each stretch between consecutive {@code boundaries} (time-of-use bands), each meter's
     * readings over the whole span read once.
     */
    public List<Consumption> calculateEach(String site, String target, String point, String unit, BigDecimal rolloverLimit,
                                           List<MeterAssignment> assignments, List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            return List.of();
        }
        Instant first = boundaries.get(0);
        Instant last = boundaries.get(boundaries.size() - 1);
        List<String> devices = assignments.stream().filter(a -> a.overlaps(first, last)).map(MeterAssignment::device).distinct().toList();
        CounterReadings window = new MeterWindowReadings(readings, site, point, devices, first.minus(tolerance), last.plus(tolerance), WINDOW_READINGS);
        List<Consumption> out = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            out.add(calculate(window, site, target, point, unit, rolloverLimit, assignments, boundaries.get(i), boundaries.get(i + 1)));
        }
        return out;
    }

    private Consumption calculate(CounterReadings readings, String site, String target, String point, String unit, BigDecimal rolloverLimit,
                                  List<MeterAssignment> assignments, Instant from, Instant to) {
        List<Consumption.Segment> segments = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(SCALE);
        boolean estimated = false;
        for (MeterAssignment a : assignments) {
            if (!a.overlaps(from, to)) {
                continue;
            }
            Instant segFrom = a.effectiveFrom().isAfter(from) ? a.effectiveFrom() : from;
            Instant segTo = a.effectiveTo() != null && a.effectiveTo().isBefore(to) ? a.effectiveTo() : to;
            Optional<BoundaryReading> start = segFrom.equals(a.effectiveFrom()) && a.initialReading() != null
                    ? Optional.of(new BoundaryReading(segFrom, scaled(a.initialReading()), "recorded", null, null))
                    : boundary(readings, site, a.device(), point, segFrom);
            Optional<BoundaryReading> end = a.effectiveTo() != null && segTo.equals(a.effectiveTo()) && a.finalReading() != null
                    ? Optional.of(new BoundaryReading(segTo, scaled(a.finalReading()), "recorded", null, null))
                    : boundary(readings, site, a.device(), point, segTo);
            if (start.isEmpty() || end.isEmpty()) {
                throw new NoReadingsException("meter " + a.device() + " has no good readings of " + point + " around "
                        + (start.isEmpty() ? segFrom : segTo) + "; usage for " + target + " cannot be calculated");
            }
            Segment s = walk(readings, site, a.device(), point, rolloverLimit, start.get(), end.get());
            segments.add(new Consumption.Segment(a.device(), segFrom, segTo, start.get(), end.get(), s.usage, s.rollovers, s.anomalies));
            total = total.add(s.usage);
            estimated |= start.get().estimated() || end.get().estimated();
        }
        return new Consumption(site, target, point, unit, from, to, total, estimated, List.copyOf(segments));
    }

    private record Segment(BigDecimal usage, int rollovers, List<String> anomalies) {
    }

    private record CounterValue(Instant at, BigDecimal value) {
    }

    /**
     * Sums the increases between consecutive readings from the start boundary through the end boundary. When the
     * readings between are known in brief never to fall, that sum is the end minus the start (rounding each reading
     * to {@code SCALE} places keeps their order), and they need not be read one by one.
     */
    private Segment walk(CounterReadings readings, String site, String device, String point, BigDecimal limit, BoundaryReading start,
                         BoundaryReading end) {
        Instant from = start.at().plusMillis(1);
        Optional<CounterRun> brief = readings.run(site, device, point, from, end.at());
        if (brief.isPresent() && !brief.get().falls()) {
            BigDecimal first = brief.get().first() == null ? end.value() : scaled(BigDecimal.valueOf(brief.get().first().number()));
            BigDecimal last = brief.get().last() == null ? start.value() : scaled(BigDecimal.valueOf(brief.get().last().number()));
            if (start.value().compareTo(first) <= 0 && last.compareTo(end.value()) <= 0 && start.value().compareTo(end.value()) <= 0) {
                return new Segment(end.value().subtract(start.value()).setScale(SCALE, RoundingMode.HALF_EVEN), 0, List.of());
            }
        }
        List<StoredPoint> inside = readings.history(site, device, point, from, end.at(), MAX_READINGS);
        BigDecimal usage = BigDecimal.ZERO.setScale(SCALE);
        int rollovers = 0;
        List<String> anomalies = new ArrayList<>();
        BigDecimal previous = start.value();
        Instant previousAt = start.at();
        List<CounterValue> sequence = new ArrayList<>();
        for (StoredPoint p : inside) {
            if (p.isGood() && p.number() != null) {
                sequence.add(new CounterValue(p.time(), scaled(BigDecimal.valueOf(p.number()))));
            }
        }
        sequence.add(new CounterValue(end.at(), end.value()));
        for (CounterValue r : sequence) {
            Instant at = r.at();
            BigDecimal value = r.value();
            int cmp = value.compareTo(previous);
            if (cmp >= 0) {
                usage = usage.add(value.subtract(previous));
            } else if (limit != null && previous.compareTo(limit.multiply(BigDecimal.ONE.subtract(rolloverBand))) >= 0) {
                usage = usage.add(limit.subtract(previous)).add(value);
                rollovers++;
            } else {
                anomalies.add("reading fell from " + previous.toPlainString() + " at " + previousAt + " to " + value.toPlainString() + " at " + at
                        + " without a rollover or replacement; not billed");
            }
            previous = value;
            previousAt = at;
        }
        return new Segment(usage.setScale(SCALE, RoundingMode.HALF_EVEN), rollovers, List.copyOf(anomalies));
    }

    /**
     * The counter's value at {@code at}: measured if a reading lies within the tolerance before it, else estimated. A
     * boundary not reached yet is never measured: it is the latest reading so far, marked provisional, so that usage
     * up to a future end is not answered as final.
     */
    Optional<BoundaryReading> boundary(String site, String device, String point, Instant at) {
        return boundary(readings, site, device, point, at);
    }

    private Optional<BoundaryReading> boundary(CounterReadings readings, String site, String device, String point, Instant at) {
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            return readings.lastGoodAtOrBefore(site, device, point, now)
                    .map(p -> new BoundaryReading(at, scaled(BigDecimal.valueOf(p.number())), "provisional", p.time(), null));
        }
        Optional<StoredPoint> before = readings.lastGoodAtOrBefore(site, device, point, at);
        if (before.isPresent() && !before.get().time().isBefore(at.minus(tolerance))) {
            return Optional.of(new BoundaryReading(at, scaled(BigDecimal.valueOf(before.get().number())), "measured", before.get().time(), null));
        }
        Optional<StoredPoint> after = readings.firstGoodAtOrAfter(site, device, point, at);
        if (before.isPresent() && after.isPresent()) {
            BigDecimal v0 = BigDecimal.valueOf(before.get().number());
            BigDecimal v1 = BigDecimal.valueOf(after.get().number());
            long t0 = before.get().time().toEpochMilli();
            long t1 = after.get().time().toEpochMilli();
            BigDecimal value = v1.compareTo(v0) < 0 ? v0 // a rollover or anomaly in the gap: do not invent a value in between
                    : v0.add(v1.subtract(v0).multiply(BigDecimal.valueOf(at.toEpochMilli() - t0))
                            .divide(BigDecimal.valueOf(t1 - t0), MathContext.DECIMAL64));
            return Optional.of(new BoundaryReading(at, scaled(value), "interpolated", before.get().time(), after.get().time()));
        }
        if (before.isPresent()) {
            return Optional.of(new BoundaryReading(at, scaled(BigDecimal.valueOf(before.get().number())), "carried-forward", before.get().time(), null));
        }
        return after.map(p -> new BoundaryReading(at, scaled(BigDecimal.valueOf(p.number())), "carried-back", null, p.time()));
    }

    private static BigDecimal scaled(BigDecimal v) {
        return v.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
