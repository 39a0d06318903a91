package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.EventBus;
import org.lintel.hub.storage.Database;

/** The store-and-notify step on a real PostgreSQL, without the rest of the hub. */
class AlarmRecorderTest {

    static final Instant T = Instant.parse("2026-12-04T02:00:00Z");
    static Database db;

    @BeforeAll
    static void database() {
        db = TestPostgres.newDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    record Setup(AlarmStore store, AlarmRecorder recorder, List<AlarmTransitioned> published) {
    }

    static Setup setup() {
        EventBus events = new EventBus();
        List<AlarmTransitioned> published = new ArrayList<>();
        events.subscribe(AlarmTransitioned.class, "test", published::add);
        AlarmStore store = new AlarmStore(db);
        return new Setup(store, new AlarmRecorder(store, events), published);
    }

    static AlarmSlot slot(String type) {
        return new AlarmSlot(RuleBookTest.SMOKE.alarms().stream().filter(a -> a.type().equals(type)).findFirst().orElseThrow());
    }

    @Test
    void theFirstActivationOpensAStoredAlarmAndPublishesIt() {
        Setup s = setup();
        DeviceKey smoke = new DeviceKey("recorder-1", "b1-f01-smoke");
        AlarmSlot fire = slot("fire");
        s.recorder().record(smoke, fire, fire.life.activate(T, "alarm.state = fire"), "fire", T);
        Alarm stored = s.store().find(fire.alarmId).orElseThrow();
        assertEquals("life-safety", stored.priority());
        assertEquals("火警", stored.labelZh());
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, stored.state());
        assertEquals(1, s.published().size());
        assertEquals(stored.id(), s.published().get(0).alarm().id());
    }

    @Test
    void aConditionThatChangesNoStateOpensNothing() {
        Setup s = setup();
        AlarmSlot tamper = slot("tamper");
        s.recorder().record(new DeviceKey("recorder-2", "d"), tamper, Optional.empty(), "false", T);
        assertNull(tamper.alarmId);
        assertTrue(s.published().isEmpty());
    }

    @Test
    void aShelvedAlarmsReturnIsStoredButNotPublished() {
        Setup s = setup();
        DeviceKey smoke = new DeviceKey("recorder-3", "b1-f01-smoke");
        AlarmSlot tamper = slot("tamper");
        s.recorder().record(smoke, tamper, tamper.life.activate(T, "tamper = true"), "true", T);
        s.store().shelve(tamper.alarmId, T.plusSeconds(3600), "zhang", "technician on site", T);
        long id = tamper.alarmId;
        s.recorder().record(smoke, tamper, tamper.life.clear(T.plusSeconds(60), "tamper = false (cleared)"), "false", T.plusSeconds(60));
        assertEquals(AlarmState.RETURNED_UNACKNOWLEDGED, s.store().find(id).orElseThrow().state());
        assertEquals(1, s.published().size(), "only the activation, from before the shelving, was published");
    }

    @Test
    void anAcknowledgementOfAReturnedAlarmClosesTheInstanceSoTheNextActivationOpensANewOne() {
        Setup s = setup();
        DeviceKey smoke = new DeviceKey("recorder-4", "b1-f01-smoke");
        AlarmSlot tamper = slot("tamper");
        s.recorder().record(smoke, tamper, tamper.life.activate(T, "tamper = true"), "true", T);
        s.recorder().record(smoke, tamper, tamper.life.clear(T.plusSeconds(10), "cleared"), "false", T.plusSeconds(10));
        long first = tamper.alarmId;
        Alarm after = s.recorder().action(smoke, tamper, tamper.life.acknowledge(T.plusSeconds(20), "li", "checked"), T.plusSeconds(20));
        assertEquals(AlarmState.NORMAL, after.state());
        assertNull(tamper.alarmId);
        assertEquals("li", s.published().get(2).transition().by());
        s.recorder().record(smoke, tamper, tamper.life.activate(T.plusSeconds(30), "tamper = true"), "true", T.plusSeconds(30));
        assertTrue(tamper.alarmId != first, "a new instance");
    }
}
