package org.lintel.hub.energy.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.energy.EnergyDayMeters;
import org.lintel.hub.energy.MeterTree;
import org.lintel.hub.storage.Database;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.site.Device;
import org.lintel.site.SiteLoader;

/**
 * An unthrottled sender against a rollup queue of four events: energy-day.yaml's meters' readings of a day, every five
 * minutes, stored in a real embedded store and announced one at a time as fast as the loop runs. Most batches find the
 * queue full; their meters are read back from the store, and every meter's day still equals what it counted.
 */
class RollupQueueOverflowTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void batchesThatFindTheQueueFullAreReadBackFromTheStoreAndNothingIsLostOrCountedTwice() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 20);
        Instant from = day.atStartOfDay(SHANGHAI).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
        EnergyDayMeters meters = EnergyDayMeters.since(from.minus(Duration.ofHours(1)));
        SiteLoader.Loaded loaded = SiteLoader.load(TestFolders.site("energy-day.yaml"));
        MeterTree tree = MeterTree.of(loaded.orThrow(), id -> loaded.profiles().find(id));
        try (Database db = Database.open(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password());
             EmbeddedTimeSeriesStore series = EmbeddedTimeSeriesStore.open(TestFolders.passable("overflow-store"))) {
            RollupStore store = new RollupStore(db);
            Rollups rollups = new Rollups(store, series, () -> Set.of(EnergyDayMeters.SITE), site -> Optional.of(tree), site -> SHANGHAI,
                    Duration.ofMinutes(15), new BigDecimal("0.1"), Clock.systemUTC(), 4).start();
            try {
                // stored first, as ingest stores before it announces; then announced back to back
                List<TelemetryEvent.ReadingsStored> events = new ArrayList<>();
                for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(5))) {
                    for (Device d : meters.site.devices()) {
                        String point = meters.counter(d.id()).name();
                        StoredPoint p = new StoredPoint(EnergyDayMeters.SITE, null, d.id(), point, t, meters.register(d.id(), t).doubleValue(), null, "good",
                                null);
                        series.write(List.of(p));
                        events.add(new TelemetryEvent.ReadingsStored(new DeviceKey(EnergyDayMeters.SITE, d.id()), List.of(p)));
                    }
                }
                events.forEach(rollups::on);
                assertTrue(rollups.overflows() > 100, "the queue overflowed: " + rollups.overflows() + " of " + events.size());

                Map<String, String> byMeter = new LinkedHashMap<>();
                meters.site.devices().forEach(d -> byMeter.put(d.id(), d.id()));
                List<String> wrong = new ArrayList<>();
                try {
                    Await.until("every meter's day rolled up", Duration.ofSeconds(30), () -> {
                    wrong.clear();
                    Map<String, BigDecimal> got = new LinkedHashMap<>();
                    store.sums(EnergyDayMeters.SITE, byMeter, RollupStore.Buckets.TOTAL, from, to, SHANGHAI).forEach(x -> got.put(x.key(), x.usage()));
                    for (Device d : meters.site.devices()) {
                        BigDecimal truth = meters.counted(d.id(), from, to);
                        if (got.get(d.id()) == null || got.get(d.id()).compareTo(truth) != 0) {
                            wrong.add(d.id() + " " + got.get(d.id()) + " ≠ " + truth);
                        }
                    }
                    return wrong.isEmpty();
                    });
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + wrong + "; overflows " + rollups.overflows(), e);
                }
                assertEquals(List.of(), wrong);
                // and hour by hour: a reading stepped over would leave its hours interpolated (estimated), not exact
                for (RollupStore.Sum x : store.sums(EnergyDayMeters.SITE, byMeter, RollupStore.Buckets.HOUR, from, to, SHANGHAI)) {
                    Instant h = Instant.parse(x.bucket());
                    assertEquals(0, x.usage().compareTo(meters.counted(x.key(), h, h.plus(Duration.ofHours(1)))), x.toString());
                    assertEquals(false, x.estimated(), x.toString());
                }
            } finally {
                rollups.close();
            }
        }
    }
}
