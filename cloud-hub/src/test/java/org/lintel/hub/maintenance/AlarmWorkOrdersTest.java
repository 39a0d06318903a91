package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestClock;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.AlarmTransitioned;
import org.lintel.hub.alarm.Transition;

/**
 * Alarm → work order at the edges the end-to-end test cannot time: alarms stored just before a crash get their order at
 * the next start, once; the activation event of such an alarm arriving after the catch-up adds nothing; an alarm kind
 * the site does not name opens nothing; two activations racing for the same equipment and kind make one order.
 */
class AlarmWorkOrdersTest {

    /** Every database a test opened, closed after it: an open pool holds its connections, and the shared server has 100. */
    final List<org.lintel.hub.storage.Database> databases = new java.util.ArrayList<>();

    org.lintel.hub.storage.Database database() {
        org.lintel.hub.storage.Database db = TestPostgres.newDatabase();
        databases.add(db);
        return db;
    }

    @org.junit.jupiter.api.AfterEach
    void closeDatabases() {
        databases.forEach(org.lintel.hub.storage.Database::close);
    }


    static final Instant T = Instant.parse("2027-04-01T01:00:00Z");
    final TestClock clock = new TestClock(T);
    final List<String> remarks = new ArrayList<>();

    static Alarm alarm(long id, String device, String type, String priority) {
        return new Alarm(id, "s", device, type, "p", priority, false, AlarmState.ACTIVE_UNACKNOWLEDGED, true, 1, type, type, T, T, null, null, null, "true");
    }

    static AlarmTransitioned activation(Alarm a) {
        return new AlarmTransitioned(a, new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "p = true"));
    }

    @Test
    void alarmsLeftWithoutAnOrderByACrashGetOneAtTheNextStartAndOnlyOnce() {
        WorkOrders orders = new WorkOrders(database(), clock, s -> ZoneId.of("Asia/Shanghai"), e -> { });
        try (AlarmWorkOrders fromAlarms = new AlarmWorkOrders(orders, (s, d) -> "b1", (id, by, why) -> remarks.add(id + ":" + why))) {
            Alarm trapped = alarm(101, "L1", "passenger-trapped", "life-safety");
            Alarm fault = alarm(102, "L2", "lift-fault", "critical");
            Alarm silent = alarm(103, "L1", "no-data", "major");
            assertEquals(2, fromAlarms.catchUp(List.of(trapped, fault, silent)), "no-data is not a kind that opens orders");
            assertEquals(0, fromAlarms.catchUp(List.of(trapped, fault, silent)), "a second start finds them counted");
            fromAlarms.on(activation(trapped));
            fromAlarms.drain();
            List<WorkOrder> all = orders.store().all("s");
            assertEquals(2, all.size());
            assertEquals(1, orders.store().openForAlarm("s", "L1", "passenger-trapped").orElseThrow().occurrences(),
                    "the late activation event of an alarm already counted adds nothing");
            assertEquals(Priority.IMMEDIATE, orders.store().openForAlarm("s", "L1", "passenger-trapped").orElseThrow().priority());
            assertEquals(Priority.HIGH, orders.store().openForAlarm("s", "L2", "lift-fault").orElseThrow().priority());
        }
    }

    @Test
    void activationsRacingForTheSameEquipmentAndKindMakeOneOrderWithEveryOccurrence() throws Exception {
        WorkOrders orders = new WorkOrders(database(), clock, s -> ZoneId.of("Asia/Shanghai"), e -> { });
        // two hubs' worth of handlers over one database: the partial unique index decides
        try (AlarmWorkOrders a = new AlarmWorkOrders(orders, (s, d) -> "b1", (id, by, why) -> { });
             AlarmWorkOrders b = new AlarmWorkOrders(orders, (s, d) -> "b1", (id, by, why) -> { })) {
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? a : b).on(activation(alarm(200 + i, "L3", "door-fault", "major")));
            }
            a.drain();
            b.drain();
        }
        List<WorkOrder> all = orders.store().all("s");
        assertEquals(1, all.size(), "one order");
        assertEquals(20, all.get(0).occurrences(), "every activation counted on it");
        assertEquals(Priority.MEDIUM, all.get(0).priority());
    }

    @Test
    void closingTheOrderIsWrittenIntoEveryAlarmBehindIt() {
        WorkOrders orders = new WorkOrders(database(), clock, s -> ZoneId.of("Asia/Shanghai"), e -> { });
        try (AlarmWorkOrders fromAlarms = new AlarmWorkOrders(orders, (s, d) -> "b1", (id, by, why) -> remarks.add(id + " " + by + " " + why))) {
            fromAlarms.on(activation(alarm(301, "L1", "lift-fault", "critical")));
            fromAlarms.on(activation(alarm(302, "L1", "lift-fault", "critical")));
            fromAlarms.drain();
            WorkOrder o = orders.store().openForAlarm("s", "L1", "lift-fault").orElseThrow();
            orders.start("s", o.id(), "wang");
            orders.done("s", o.id(), null, 30, List.of(), "wang");
            WorkOrder closed = orders.verify("s", o.id(), true, null, "li");
            fromAlarms.on(new WorkOrderChanged(closed, WorkOrderState.DONE, "li"));
            fromAlarms.drain();
            assertEquals(List.of("301 li 工单 " + o.id() + " 已关闭 / work order " + o.id() + " closed",
                    "302 li 工单 " + o.id() + " 已关闭 / work order " + o.id() + " closed"), remarks);
        }
    }
}
