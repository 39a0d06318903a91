package org.lintel.hub.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

class ConsumptionCalculatorTest {

    static final String E = "energy.import.total";
    static final Instant NOV = Instant.parse("2026-10-31T16:00:00Z"); // 1 November 00:00 in Shanghai
    static final Instant DEC = Instant.parse("2026-11-30T16:00:00Z");
    static final BigDecimal LIMIT = new BigDecimal("100000");

    @TempDir
    Path folder;
    EmbeddedTimeSeriesStore store;
    ConsumptionCalculator calc;

    @BeforeEach
    void open() {
        store = EmbeddedTimeSeriesStore.open(folder);
        calc = new ConsumptionCalculator(store, Duration.ofMinutes(15), new BigDecimal("0.1"), Clock.fixed(DEC.plus(Duration.ofDays(30)), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Readings every {@code step} from {@code from} while before {@code to}, starting at {@code start}, rising by {@code perStep}. */
    void readings(String device, Instant from, Instant to, Duration step, double start, double perStep) {
        List<StoredPoint> batch = new ArrayList<>();
        double v = start;
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            batch.add(new StoredPoint("s", "b1", device, E, t, Math.round(v * 100) / 100.0, null, "good", null));
            v += perStep;
        }
        store.write(batch);
    }

    static MeterAssignment serving(String device, Instant from, Instant to, String initial, String fin) {
        return new MeterAssignment(1, "s", device, "unit", "u1", from, to, initial == null ? null : new BigDecimal(initial),
                fin == null ? null : new BigDecimal(fin), null);
    }

    @Test
    void usageIsTheDifferenceOfTheBoundaryReadingsToTheCent() {
        readings("m1", NOV.minus(Duration.ofHours(1)), DEC.plus(Duration.ofHours(1)), Duration.ofMinutes(10), 1000.00, 0.01);
        Consumption c = calc.calculate("s", "u1", E, "kWh", LIMIT, List.of(serving("m1", NOV.minus(Duration.ofDays(60)), null, null, null)), NOV, DEC);
        // 30 days × 144 readings a day × 0.01 kWh
        assertEquals(new BigDecimal("43.200"), c.usage());
        assertFalse(c.estimated());
        assertEquals("measured", c.segments().get(0).start().method());
    }

    @Test
    void aRolloverNearTheLimitIsCountedAcrossTheWrap() {
        store.write(List.of(point("m1", NOV, 99990.00), point("m1", NOV.plus(Duration.ofDays(10)), 99999.50),
                point("m1", NOV.plus(Duration.ofDays(11)), 3.25), point("m1", DEC, 10.00)));
        Consumption c = calc.calculate("s", "u1", E, "kWh", LIMIT, List.of(serving("m1", Instant.EPOCH, null, null, null)), NOV, DEC);
        assertEquals(new BigDecimal("20.000"), c.usage());
        assertEquals(1, c.segments().get(0).rollovers());
        assertTrue(c.segments().get(0).anomalies().isEmpty());
    }

    @Test
    void aDropFarFromTheLimitIsFlaggedAsAnAnomalyAndNotBilled() {
        store.write(List.of(point("m1", NOV, 5000.00), point("m1", NOV.plus(Duration.ofDays(5)), 5100.00),
                point("m1", NOV.plus(Duration.ofDays(6)), 40.00), point("m1", DEC, 90.00)));
        Consumption c = calc.calculate("s", "u1", E, "kWh", LIMIT, List.of(serving("m1", Instant.EPOCH, null, null, null)), NOV, DEC);
        assertEquals(new BigDecimal("150.000"), c.usage(), "100 before the drop and 50 after it; the drop itself is not billed");
        assertEquals(1, c.segments().get(0).anomalies().size());
        assertTrue(c.segments().get(0).anomalies().get(0).contains("fell from 5100.000"), c.segments().get(0).anomalies().get(0));
    }

    @Test
    void aReplacedMeterContributesUpToItsFinalReadingAndTheNewOneFromItsInitialReading() {
        Instant swap = Instant.parse("2026-11-15T02:00:00Z");
        store.write(List.of(point("old", NOV, 1200.00), point("old", swap.minus(Duration.ofHours(3)), 1290.00),
                point("new", swap.plus(Duration.ofHours(1)), 0.50), point("new", DEC, 75.25)));
        List<MeterAssignment> a = List.of(serving("old", Instant.EPOCH, swap, null, "1291.40"), serving("new", swap, null, "0.10", null));
        Consumption c = calc.calculate("s", "u1", E, "kWh", LIMIT, a, NOV, DEC);
        // (1291.40 − 1200.00) + (75.25 − 0.10)
        assertEquals(new BigDecimal("166.550"), c.usage());
        assertEquals(2, c.segments().size());
        assertEquals("recorded", c.segments().get(0).end().method());
        assertEquals("recorded", c.segments().get(1).start().method());
        assertFalse(c.estimated());
    }

    @Test
    void aMeterSilentAtTheBoundaryIsInterpolatedAndTheResultMarkedEstimated() {
        // readings at 1 Nov 00:00 and hourly, but none from 30 Nov 12:00 to 1 Dec 12:00 (Shanghai)
        readings("m1", NOV, DEC.minus(Duration.ofHours(4)), Duration.ofHours(1), 0.00, 1.00);
        readings("m1", DEC.plus(Duration.ofHours(20)), DEC.plus(Duration.ofHours(22)), Duration.ofHours(1), 740.00, 1.00);
        Consumption c = calc.calculate("s", "u1", E, "kWh", LIMIT, List.of(serving("m1", Instant.EPOCH, null, null, null)), NOV, DEC);
        assertTrue(c.estimated());
        BoundaryReading end = c.segments().get(0).end();
        assertEquals("interpolated", end.method());
        // last reading 715 at DEC−5h, next 740 at DEC+20h: 715 + 25 × 5/25 = 720
        assertEquals(new BigDecimal("720.000"), end.value());
        assertEquals(new BigDecimal("720.000"), c.usage());
    }

    @Test
    void aMeterWithoutAnyReadingsGivesAClearError() {
        NoReadingsException e = assertThrows(NoReadingsException.class, () -> calc.calculate("s", "u1", E, "kWh", LIMIT,
                List.of(serving("ghost", Instant.EPOCH, null, null, null)), NOV, DEC));
        assertTrue(e.getMessage().contains("meter ghost has no good readings"), e.getMessage());
    }

    static StoredPoint point(String device, Instant t, double v) {
        return new StoredPoint("s", "b1", device, E, t, v, null, "good", null);
    }

    @Test
    void usageUpToAnEndStillInTheFutureIsProvisionalNotFinal() {
        Instant now = NOV.plus(Duration.ofDays(15));
        readings("m1", NOV.minus(Duration.ofHours(1)), now, Duration.ofMinutes(10), 1000.00, 0.01);
        ConsumptionCalculator today = new ConsumptionCalculator(store, Duration.ofMinutes(15), new BigDecimal("0.1"), Clock.fixed(now, ZoneOffset.UTC));
        Consumption c = today.calculate("s", "u1", E, "kWh", LIMIT, List.of(serving("m1", NOV.minus(Duration.ofDays(60)), null, null, null)), NOV, DEC);
        assertTrue(c.estimated(), "a month not over yet is not a final figure");
        assertEquals("provisional", c.segments().get(0).end().method());
        assertEquals(now.minus(Duration.ofMinutes(10)), c.segments().get(0).end().basedOnFrom(), "the latest reading so far");
        // 15 days × 144 readings a day, less the last one not yet taken at "now"
        assertEquals(new BigDecimal("21.590"), c.usage());
    }
}
