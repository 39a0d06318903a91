package org.lintel.hub.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.InfluxTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;

/**
 * A bill run reads each boundary for every meter of the site at once, and a time-of-use bill reads each meter's month
 * once; both must answer exactly what asking one meter at a time answers, on both stores, for meters that roll over,
 * fall, fall silent, are replaced or have gaps at a boundary.
 */
class BatchedUsageTest {

    static final String E = "energy.import.total";
    static final Instant JAN = Instant.parse("2025-12-31T16:00:00Z");
    static final Instant NOV = Instant.parse("2026-10-31T16:00:00Z");
    static final Instant DEC = Instant.parse("2026-11-30T16:00:00Z");
    static final BigDecimal LIMIT = new BigDecimal("100000");
    static final int METERS = 30;

    @TempDir
    static Path folder;
    static InfluxServer influx;
    static TimeSeriesStore embedded;
    static TimeSeriesStore influxStore;
    static final String SITE = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    static final List<List<MeterAssignment>> units = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start();
        influxStore = InfluxTimeSeriesStore.connect(influx.url(), null, null, "lintel_batch");
        embedded = EmbeddedTimeSeriesStore.open(folder);
        List<StoredPoint> points = new ArrayList<>();
        Random random = new Random(17);
        for (int m = 0; m < METERS; m++) {
            String device = "m" + m;
            double v = m == 1 ? 99_600 : 100 * m;
            for (Instant t = JAN.minus(Duration.ofHours(3)); t.isBefore(DEC.plus(Duration.ofDays(2))); t = t.plus(Duration.ofHours(4))) {
                boolean gap = m == 2 && t.isAfter(NOV.minus(Duration.ofDays(2))) && t.isBefore(NOV.plus(Duration.ofDays(1)));
                boolean silent = m == 3 && t.isAfter(NOV.plus(Duration.ofDays(20)));
                if (!gap && !silent) {
                    String quality = m == 4 && random.nextInt(5) == 0 ? "bad" : "good";
                    points.add(new StoredPoint(SITE, "b1", device, E, t, "good".equals(quality) ? Math.round(v * 100) / 100.0 : null, null, quality,
                            "good".equals(quality) ? null : "timeout"));
                }
                v += random.nextInt(3) * 0.37;
                if (m == 1 && v > LIMIT.doubleValue()) {
                    v -= LIMIT.doubleValue(); // rolls over in the spring
                }
                if (m == 5 && t.equals(NOV.plus(Duration.ofDays(10)).minus(Duration.ofHours(3)))) {
                    v -= 50; // falls without a rollover: an anomaly, not billed
                }
            }
        }
        for (int i = 0; i < points.size(); i += 5000) {
            List<StoredPoint> batch = points.subList(i, Math.min(points.size(), i + 5000));
            embedded.write(batch);
            influxStore.write(batch);
        }
        for (int m = 0; m < METERS; m++) {
            units.add(List.of(serving("m" + m, Instant.EPOCH, null, null, null)));
        }
        // meter 6 replaced by meter 7 on 15 November with recorded readings; meter 8 serves from before and after
        Instant swap = NOV.plus(Duration.ofDays(14));
        units.set(6, List.of(serving("m6", Instant.EPOCH, swap, null, "700.00"), serving("m7", swap, null, "712.50", null)));
    }

    @AfterAll
    static void stop() throws Exception {
        embedded.close();
        influxStore.close();
        influx.close();
    }

    static MeterAssignment serving(String device, Instant from, Instant to, String initial, String fin) {
        return new MeterAssignment(1, SITE, device, "unit", "u", from, to, initial == null ? null : new BigDecimal(initial),
                fin == null ? null : new BigDecimal(fin), null);
    }

    static TimeSeriesStore store(String kind) {
        return "influxdb".equals(kind) ? influxStore : embedded;
    }

    static ConsumptionCalculator calculator(TimeSeriesStore store) {
        return new ConsumptionCalculator(store, Duration.ofMinutes(15), new BigDecimal("0.1"), Clock.fixed(DEC.plus(Duration.ofDays(40)), ZoneOffset.UTC));
    }

    /** The store with every call counted. */
    static TimeSeriesStore counted(TimeSeriesStore store, AtomicInteger calls) {
        return (TimeSeriesStore) Proxy.newProxyInstance(TimeSeriesStore.class.getClassLoader(), new Class<?>[] {TimeSeriesStore.class}, (proxy, method, args) -> {
            calls.incrementAndGet();
            try {
                return method.invoke(store, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "influxdb"})
    void aBillRunsBatchedReadingsAnswerExactlyWhatOneMeterAtATimeAnswers(String kind) {
        AtomicInteger oneByOneCalls = new AtomicInteger();
        AtomicInteger batchedCalls = new AtomicInteger();
        ConsumptionCalculator oneByOne = calculator(counted(store(kind), oneByOneCalls));
        ConsumptionCalculator batched = calculator(counted(store(kind), batchedCalls)).batched();
        for (int u = 0; u < METERS; u++) {
            for (Instant[] period : new Instant[][] {{NOV, DEC}, {JAN, NOV}}) {
                Consumption expected = oneByOne.calculate(SITE, "u" + u, E, "kWh", LIMIT, units.get(u), period[0], period[1]);
                assertEquals(expected, batched.calculate(SITE, "u" + u, E, "kWh", LIMIT, units.get(u), period[0], period[1]), "unit u" + u + " " + period[0]);
            }
        }
        assertEquals(1, oneByOne.calculate(SITE, "u1", E, "kWh", LIMIT, units.get(1), JAN, NOV).segments().get(0).rollovers());
        assertEquals(1, oneByOne.calculate(SITE, "u5", E, "kWh", LIMIT, units.get(5), NOV, DEC).segments().get(0).anomalies().size());
        assertEquals("interpolated", oneByOne.calculate(SITE, "u2", E, "kWh", LIMIT, units.get(2), NOV, DEC).segments().get(0).start().method());
        assertEquals("carried-forward", oneByOne.calculate(SITE, "u3", E, "kWh", LIMIT, units.get(3), NOV, DEC).segments().get(0).end().method());
        assertTrue(batchedCalls.get() * 4 < oneByOneCalls.get(), "batched " + batchedCalls + " store calls, one by one " + oneByOneCalls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "influxdb"})
    void timeOfUseBandsFromOneReadOfEachMeterEqualTheBandsAskedOneByOne(String kind) {
        ConsumptionCalculator calc = calculator(store(kind));
        List<Instant> boundaries = new ArrayList<>();
        for (Instant t = NOV; !t.isAfter(DEC); t = t.plus(Duration.ofHours(5))) {
            boundaries.add(t);
        }
        for (int u : new int[] {0, 2, 3, 4, 5, 6}) {
            List<Consumption> each = calc.batched().calculateEach(SITE, "u" + u, E, "kWh", LIMIT, units.get(u), boundaries);
            assertEquals(boundaries.size() - 1, each.size());
            for (int i = 0; i + 1 < boundaries.size(); i++) {
                assertEquals(calc.calculate(SITE, "u" + u, E, "kWh", LIMIT, units.get(u), boundaries.get(i), boundaries.get(i + 1)), each.get(i),
                        "unit u" + u + " stretch " + boundaries.get(i));
            }
        }
    }
}
