package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;

class AlarmKpisTest {

    static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    Database db;
    AlarmStore store;

    @BeforeEach
    void open() {
        db = TestPostgres.newDatabase();
        store = new AlarmStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** An alarm that activates at each of the given instants (returning to normal unacknowledged in between). */
    void chatter(String device, String type, Instant... activations) {
        Alarm a = store.open(new Alarm(0, "s", device, type, "p", "minor", false, AlarmState.ACTIVE_UNACKNOWLEDGED, true, 1, null, null,
                activations[0], activations[0], null, null, null, null),
                new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, activations[0], "rule", "on"));
        for (int i = 1; i < activations.length; i++) {
            Instant off = activations[i].minusSeconds(1);
            store.update(a.id(), AlarmState.RETURNED_UNACKNOWLEDGED, false, i, null,
                    new Transition(AlarmState.ACTIVE_UNACKNOWLEDGED, AlarmState.RETURNED_UNACKNOWLEDGED, off, "rule", "off"), off);
            store.update(a.id(), AlarmState.ACTIVE_UNACKNOWLEDGED, true, i + 1, null,
                    new Transition(AlarmState.RETURNED_UNACKNOWLEDGED, AlarmState.ACTIVE_UNACKNOWLEDGED, activations[i], "rule", "on"), activations[i]);
        }
    }

    @Test
    void floodsChatteringStaleAlarmsAndTheMostFrequentAreFound() {
        Instant[] burst = new Instant[12];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = T.plusSeconds(20L * i); // 12 activations in 4 minutes, 3 in every minute
        }
        chatter("b1-wm-3", "leak", burst);
        chatter("b1-lift-1", "door-fault", T.plus(Duration.ofHours(2)), T.plus(Duration.ofHours(3)));
        chatter("b1-f01-smoke", "detector-fault", T.minus(Duration.ofHours(25)));
        Map<String, Object> k = new AlarmKpis(db).of("s", T.minus(Duration.ofDays(2)), T.plus(Duration.ofDays(1)), T.plus(Duration.ofHours(4)));
        assertEquals(15, k.get("activations"));
        assertEquals(12, k.get("peakPer10Minutes"));
        List<?> floods = (List<?>) k.get("floodPeriods");
        assertEquals(1, floods.size());
        assertEquals(List.of(Map.of("device", "b1-wm-3", "type", "leak")), k.get("chattering"));
        List<?> stale = (List<?>) k.get("stale");
        assertEquals(1, stale.size());
        assertEquals("b1-f01-smoke", ((Map<?, ?>) stale.get(0)).get("device"));
        Map<?, ?> top = (Map<?, ?>) ((List<?>) k.get("mostFrequent")).get(0);
        assertEquals("b1-wm-3", top.get("device"));
        assertEquals(12, top.get("activations"));
    }
}
