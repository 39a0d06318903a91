package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.usage.ConsumptionCalculator;

/**
 * Splits what a counter advanced between two consecutive good readings over the site's local hours, by the rules
 * billing uses at a period boundary ({@link ConsumptionCalculator}): the value at an hour boundary is the last reading
 * at or before it if that is at most {@code tolerance} old, else interpolated linearly between the readings around it
 * (an estimate); a fall is a rollover only when the reading before was within the band below the limit, else an
 * anomaly that counts nothing and leaves the hours it spans unknown (no rows, rather than hours of zero). Because each boundary is valued exactly as billing values it, the hours of a period add
 * up to the usage billing works out for that period, to the last of the three decimals.
 */
public final class HourlyPieces {

    /** A counter reading as stored: the raw value (what interpolation starts from) and its instant. */
    public record Reading(Instant at, BigDecimal value) {
        BigDecimal scaled() {
            return value.setScale(ConsumptionCalculator.SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** What the counter advanced in the local hour starting at {@code hour}; estimated when a boundary was. */
    public record Piece(Instant hour, BigDecimal usage, boolean estimated) {
    }

    /** The pieces of one step from reading to reading, and whether it was a rollover or an anomaly. */
    public record Step(List<Piece> pieces, boolean rollover, boolean anomaly) {
    }

    private final ZoneId zone;
    private final Duration tolerance;
    private final BigDecimal band;

    public HourlyPieces(ZoneId zone, Duration tolerance, BigDecimal rolloverBand) {
        this.zone = zone;
        this.tolerance = tolerance;
        this.band = rolloverBand;
    }

    /** The local hour {@code at} falls in, as its start. */
    public Instant hourOf(Instant at) {
        return ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    }

    /**
     * The step from {@code previous} to {@code next} (later), hour by hour. A reading exactly at an hour boundary
     * closes the hour before it, as a boundary reading does in billing.
     *
     * @param limit the counter's rollover limit in its canonical unit, or null when it has none
     */
    public Step between(Reading previous, Reading next, BigDecimal limit) {
        Instant hour = hourOf(previous.at());
        return between(previous, next, limit, hour, nextHour(hour));
    }

    /** The start of the local hour after the one starting at {@code hour} (an hour later but across a clock change). */
    public Instant nextHour(Instant hour) {
        return ZonedDateTime.ofInstant(hour, zone).plusHours(1).toInstant();
    }

    /**
     * The same, for a caller that already knows the local hour [{@code hour}, {@code hourEnd}) the earlier reading
     * falls in (the rollup keeps it per meter: most steps stay within it, and working out local hours is most of the
     * cost of a step).
     */
    public Step between(Reading previous, Reading next, BigDecimal limit, Instant hour, Instant hourEnd) {
        if (!next.at().isAfter(previous.at())) {
            throw new IllegalArgumentException("readings out of order: " + previous.at() + " then " + next.at());
        }
        BigDecimal from = previous.scaled();
        BigDecimal to = next.scaled();
        boolean falls = to.compareTo(from) < 0;
        boolean rollover = falls && limit != null && from.compareTo(limit.multiply(BigDecimal.ONE.subtract(band))) >= 0;
        boolean anomaly = falls && !rollover;
        BigDecimal advance = !falls ? to.subtract(from) : rollover ? limit.subtract(from).add(to) : BigDecimal.ZERO.setScale(ConsumptionCalculator.SCALE);
        if (!next.at().isAfter(hourEnd)) {
            return new Step(List.of(new Piece(hour, advance, false)), rollover, anomaly); // within one hour: no boundary to value
        }
        if (anomaly) {
            // a register that fell (replaced, reset, misread) says nothing of the hours in between: they stay unknown,
            // not zero, so that a baseline or a night-flow count never takes them for hours without use
            return new Step(List.of(), false, true);
        }
        List<Piece> pieces = new ArrayList<>();
        BigDecimal valueAtStart = from;
        boolean startEstimated = false;
        Instant boundary = hourEnd;
        while (boundary.isBefore(next.at())) {
            boolean measured = !previous.at().isBefore(boundary.minus(tolerance));
            // across a fall nothing is invented in between: the boundary keeps the value before, as billing does
            BigDecimal atBoundary = measured || falls ? from : interpolate(previous, next, boundary);
            boolean estimated = !measured;
            pieces.add(new Piece(hour, falls ? BigDecimal.ZERO.setScale(ConsumptionCalculator.SCALE) : atBoundary.subtract(valueAtStart),
                    startEstimated || estimated));
            hour = boundary;
            valueAtStart = atBoundary;
            startEstimated = estimated;
            boundary = ZonedDateTime.ofInstant(hour, zone).plusHours(1).toInstant();
        }
        BigDecimal last = falls ? advance : to.subtract(valueAtStart);
        pieces.add(new Piece(hour, last, startEstimated));
        return new Step(List.copyOf(pieces), rollover, anomaly);
    }

    private static BigDecimal interpolate(Reading a, Reading b, Instant at) {
        BigDecimal v0 = a.value();
        BigDecimal v1 = b.value();
        long t0 = a.at().toEpochMilli();
        long t1 = b.at().toEpochMilli();
        BigDecimal v = v0.add(v1.subtract(v0).multiply(BigDecimal.valueOf(at.toEpochMilli() - t0)).divide(BigDecimal.valueOf(t1 - t0), MathContext.DECIMAL64));
        return v.setScale(ConsumptionCalculator.SCALE, RoundingMode.HALF_EVEN);
    }
}
