package org.lintel.hub.energy.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;

/** The hourly rollups' retention in a real PostgreSQL: old hours go in batches, every day they were summed into stays. */
class HourlyRetentionTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void hoursBeforeTheCutAreDeletedInBatchesAndTheirDaysStay() throws Exception {
        try (Database db = Database.open(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())) {
            RollupStore store = new RollupStore(db);
            LocalDate first = LocalDate.of(2025, 1, 1);
            List<RollupStore.Increment> hours = new ArrayList<>();
            List<RollupStore.DayIncrement> days = new ArrayList<>();
            for (int d = 0; d < 10; d++) { // ten days of 24 hours of 1.250 kWh, for two meters
                for (String meter : List.of("m1", "m2")) {
                    Instant start = first.plusDays(d).atStartOfDay(SHANGHAI).toInstant();
                    for (int h = 0; h < 24; h++) {
                        hours.add(new RollupStore.Increment(meter, start.plusSeconds(3600L * h), new BigDecimal("1.250"), false, 1));
                    }
                    days.add(new RollupStore.DayIncrement(meter, first.plusDays(d), new BigDecimal("30.000"), false));
                }
            }
            store.apply("s", hours, days, Map.of());
            Instant cut = first.plusDays(6).atStartOfDay(SHANGHAI).toInstant();

            // 6 days × 24 hours × 2 meters before the cut, deleted 100 at a time
            assertEquals(288, store.pruneHours(cut, 100));
            assertEquals(0, store.pruneHours(cut, 100), "nothing left to prune");

            Map<String, String> both = Map.of("m1", "site", "m2", "site");
            Instant from = first.atStartOfDay(SHANGHAI).toInstant();
            Instant to = first.plusDays(10).atStartOfDay(SHANGHAI).toInstant();
            List<RollupStore.Sum> byDay = store.sums("s", both, RollupStore.Buckets.DAY, from, to, SHANGHAI);
            assertEquals(10, byDay.size());
            byDay.forEach(s -> assertEquals(new BigDecimal("60.000"), s.usage(), s.toString()));
            List<RollupStore.Sum> byHour = store.sums("s", both, RollupStore.Buckets.HOUR, from, to, SHANGHAI);
            assertEquals(4 * 24, byHour.size(), "only the hours of the last four days remain");
        }
    }
}
