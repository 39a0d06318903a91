package org.lintel.hub.energy.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.usage.Consumption;
import org.lintel.hub.usage.ConsumptionCalculator;

class HourlyPiecesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOV = Instant.parse("2026-10-31T16:00:00Z"); // 1 November 00:00 in Shanghai
    static final BigDecimal LIMIT = new BigDecimal("100000");
    static final HourlyPieces PIECES = new HourlyPieces(SHANGHAI, Duration.ofMinutes(15), new BigDecimal("0.1"));

    static HourlyPieces.Reading at(String instant, String value) {
        return new HourlyPieces.Reading(Instant.parse(instant), new BigDecimal(value));
    }

    @Test
    void aStepWithinAnHourIsThatHoursWhole() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:05:00Z", "10.000"), at("2026-11-01T02:20:00Z", "10.400"), null);
        assertEquals(List.of(new HourlyPieces.Piece(Instant.parse("2026-11-01T02:00:00Z"), new BigDecimal("0.400"), false)), s.pieces());
    }

    @Test
    void aReadingExactlyAtTheHourClosesTheHourBeforeIt() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:50:00Z", "10.000"), at("2026-11-01T03:00:00Z", "10.400"), null);
        assertEquals(List.of(new HourlyPieces.Piece(Instant.parse("2026-11-01T02:00:00Z"), new BigDecimal("0.400"), false)), s.pieces());
        HourlyPieces.Step next = PIECES.between(at("2026-11-01T03:00:00Z", "10.400"), at("2026-11-01T03:10:00Z", "10.500"), null);
        assertEquals(Instant.parse("2026-11-01T03:00:00Z"), next.pieces().get(0).hour());
    }

    @Test
    void aStepOverAnHourWhoseReadingBeforeIsRecentGoesWhollyToTheLaterHourAsMeasured() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:50:00Z", "10.000"), at("2026-11-01T03:20:00Z", "10.600"), null);
        assertEquals(List.of(new HourlyPieces.Piece(Instant.parse("2026-11-01T02:00:00Z"), new BigDecimal("0.000"), false),
                new HourlyPieces.Piece(Instant.parse("2026-11-01T03:00:00Z"), new BigDecimal("0.600"), false)), s.pieces());
    }

    @Test
    void aLongGapIsSharedLinearlyOverItsHoursAndMarkedEstimated() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:30:00Z", "10.000"), at("2026-11-01T05:30:00Z", "13.000"), null);
        assertEquals(List.of(new HourlyPieces.Piece(Instant.parse("2026-11-01T02:00:00Z"), new BigDecimal("0.500"), true),
                new HourlyPieces.Piece(Instant.parse("2026-11-01T03:00:00Z"), new BigDecimal("1.000"), true),
                new HourlyPieces.Piece(Instant.parse("2026-11-01T04:00:00Z"), new BigDecimal("1.000"), true),
                new HourlyPieces.Piece(Instant.parse("2026-11-01T05:00:00Z"), new BigDecimal("0.500"), true)), s.pieces());
    }

    @Test
    void aRolloverCountsTheWrapInTheHourOfTheReadingAfterIt() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:30:00Z", "99999.500"), at("2026-11-01T04:30:00Z", "0.700"), LIMIT);
        assertTrue(s.rollover());
        assertEquals(new BigDecimal("1.200"), s.pieces().get(2).usage());
        assertEquals(0, s.pieces().get(0).usage().signum());
        assertEquals(0, s.pieces().get(1).usage().signum());
    }

    @Test
    void aFallFarFromTheLimitCountsNothingAndIsAnAnomaly() {
        HourlyPieces.Step s = PIECES.between(at("2026-11-01T02:30:00Z", "500.000"), at("2026-11-01T02:40:00Z", "20.000"), LIMIT);
        assertTrue(s.anomaly());
        assertFalse(s.rollover());
        assertEquals(0, s.pieces().get(0).usage().signum());
    }

    /**
     * Random meters (steady, bursty, silent for hours, rolling over, falling, readings on the hour) written to the
     * embedded store: the hours of any stretch between two local hours add up to what billing's calculator works out
     * for that stretch, exactly, and are estimated exactly when billing says so.
     */
    @Test
    void theHoursOfAnyStretchAddUpToWhatBillingCalculatesForIt(@TempDir Path folder) {
        Random random = new Random(20261206);
        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(folder)) {
            ConsumptionCalculator billing = new ConsumptionCalculator(store, Duration.ofMinutes(15), new BigDecimal("0.1"),
                    Clock.fixed(NOV.plus(Duration.ofDays(30)), ZoneOffset.UTC));
            int compared = 0;
            for (int meter = 0; meter < 12; meter++) {
                String device = "m" + meter;
                List<HourlyPieces.Reading> readings = sequence(random, meter);
                List<StoredPoint> points = new ArrayList<>();
                readings.forEach(r -> points.add(new StoredPoint("s", "b1", device, "energy.import.total", r.at(), r.value().doubleValue(), null, "good", null)));
                store.write(points);
                TreeMap<Instant, BigDecimal> hours = new TreeMap<>();
                TreeMap<Instant, Boolean> estimated = new TreeMap<>();
                List<HourlyPieces.Reading> stored = store.history("s", device, "energy.import.total", Instant.EPOCH, NOV.plus(Duration.ofDays(40)), 1_000_000)
                        .stream().map(p -> new HourlyPieces.Reading(p.time(), BigDecimal.valueOf(p.number()))).toList();
                for (int i = 1; i < stored.size(); i++) {
                    for (HourlyPieces.Piece p : PIECES.between(stored.get(i - 1), stored.get(i), LIMIT).pieces()) {
                        hours.merge(p.hour(), p.usage(), BigDecimal::add);
                        estimated.merge(p.hour(), p.estimated(), Boolean::logicalOr);
                    }
                }
                Instant first = stored.get(0).at();
                Instant last = stored.get(stored.size() - 1).at();
                MeterAssignment whole = new MeterAssignment(1, "s", device, "unit", "u", Instant.EPOCH, null, null, null, null);
                for (int k = 0; k < 40; k++) {
                    Instant from = PIECES.hourOf(first.plus(Duration.ofMinutes(60 + random.nextInt((int) Duration.between(first, last).toMinutes() - 120))));
                    Instant to = from.plus(Duration.ofHours(1 + random.nextInt(30)));
                    if (to.isAfter(last)) {
                        continue;
                    }
                    Consumption c = billing.calculate("s", "u", "energy.import.total", "kWh", LIMIT, List.of(whole), from, to);
                    BigDecimal sum = hours.subMap(from, to).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    boolean anyEstimated = estimated.subMap(from, to).values().stream().anyMatch(b -> b);
                    assertEquals(0, c.usage().compareTo(sum), device + " " + from + ".." + to + ": billing " + c.usage() + ", hours " + sum);
                    boolean edgeEstimated = c.estimated();
                    // billing estimates only the two ends; the hours also say so for a gap inside
                    assertTrue(!edgeEstimated || anyEstimated, device + " " + from + ".." + to + ": billing estimated an end the hours did not");
                    compared++;
                }
            }
            assertTrue(compared > 300, "stretches compared: " + compared);
        }
    }

    /** A month of one meter's readings, in one of a few habits. */
    static List<HourlyPieces.Reading> sequence(Random random, int kind) {
        List<HourlyPieces.Reading> out = new ArrayList<>();
        double v = kind % 4 == 3 ? 99_990 : 100 + random.nextInt(5000);
        Instant t = NOV.plusSeconds(random.nextInt(600));
        Instant end = NOV.plus(Duration.ofDays(3));
        while (t.isBefore(end)) {
            out.add(new HourlyPieces.Reading(t, new BigDecimal(String.format(java.util.Locale.ROOT, "%.3f", v))));
            int habit = kind % 6;
            Duration step = switch (habit) {
                case 0 -> Duration.ofSeconds(30 + random.nextInt(60));
                case 1 -> Duration.ofMinutes(5 + random.nextInt(20)); // often more than the 15-minute tolerance
                case 2 -> random.nextInt(20) == 0 ? Duration.ofHours(1 + random.nextInt(5)) : Duration.ofMinutes(1);
                case 3 -> Duration.ofMinutes(7);
                case 4 -> Duration.ofMinutes(15).minusSeconds(random.nextInt(3)); // now and then exactly on the hour
                default -> Duration.ofMinutes(random.nextInt(3) == 0 ? 60 : 10);
            };
            t = t.plus(step);
            v += random.nextDouble() * step.toMinutes() * 0.05;
            if (v >= 100_000) {
                v -= 100_000; // rollover
            }
            if (kind == 5 && random.nextInt(200) == 0) {
                v = Math.max(0, v - 50); // a fall without rollover: an anomaly neither counts
            }
        }
        return out;
    }
}
