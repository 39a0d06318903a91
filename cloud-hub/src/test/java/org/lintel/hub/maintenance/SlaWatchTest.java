package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestClock;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.Transition;
import org.lintel.hub.notify.AlarmNotifier;
import org.lintel.hub.oncall.EscalationPolicy;
import org.lintel.hub.oncall.Escalator;
import org.lintel.hub.storage.Database;

/**
 * SLA deadlines on the hub's clock, told through a real escalator: the technician's channel first, the supervisor's
 * when the arrival deadline is missed, the manager's when the repair deadline is; each stage once, even after a restart.
 */
class SlaWatchTest {

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


    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant T = Instant.parse("2027-03-01T02:00:00Z");
    final TestClock clock = new TestClock(T);
    final List<String> told = new CopyOnWriteArrayList<>();

    AlarmNotifier channel(String who) {
        return new AlarmNotifier() {
            @Override
            public void notify(Alarm alarm, Transition t) {
                told.add(who + ":alarm");
            }

            @Override
            public void digest(List<Alarm> alarms, Instant from, Instant to) {
            }

            @Override
            public void notice(String kind, String text, Map<String, Object> fields) {
                told.add(who + ":" + kind);
            }
        };
    }

    WorkOrders orders(Database db) {
        Escalator escalator = new Escalator(new EscalationPolicy(List.of(new EscalationPolicy.Step(Duration.ZERO, List.of("technician")),
                new EscalationPolicy.Step(Duration.ofMinutes(15), List.of("supervisor")), new EscalationPolicy.Step(Duration.ofHours(1), List.of("manager"))),
                null, "minor"), Map.of("technician", channel("technician"), "supervisor", channel("supervisor"), "manager", channel("manager")), clock);
        return new WorkOrders(db, clock, s -> SHANGHAI, e -> { }).notices((o, kind, step, text) ->
                escalator.notice(o.site(), o.equipment(), o.priority().alarmPriority(), step, o.assignee(), kind, text, Map.of("workOrder", o.id())));
    }

    static NewWorkOrder trapped() {
        return new NewWorkOrder("s", "b1-lift-1", "b1", "corrective", "alarm", "电梯困人", "Passenger trapped", null, null, Priority.IMMEDIATE,
                "passenger-trapped", 7L, "true", null, null, null, null, null, null, T, List.of(), null, null, null, "rule");
    }

    @Test
    void warningsThenEscalationAsEachDeadlinePassesEachOnce() {
        Database db = database();
        WorkOrders orders = orders(db);
        WorkOrder o = orders.open(trapped()).orElseThrow();
        assertEquals(T.plus(Duration.ofMinutes(30)), o.respondBy());
        assertEquals(T.plus(Duration.ofHours(2)), o.resolveBy());
        assertEquals(List.of("technician:work-order-opened"), told);
        SlaWatch watch = new SlaWatch(orders);
        clock.now = T.plus(Duration.ofMinutes(19));
        assertEquals(0, watch.tick());
        clock.now = T.plus(Duration.ofMinutes(20));
        assertEquals(1, watch.tick(), "10 minutes before the arrival deadline");
        assertEquals(0, watch.tick());
        clock.now = T.plus(Duration.ofMinutes(30));
        assertEquals(1, watch.tick());
        assertEquals(List.of("technician:work-order-opened", "technician:work-order-sla-warning", "technician:work-order-sla-missed",
                "supervisor:work-order-sla-missed"), told);
        assertTrue(orders.find("s", o.id()).responseBreached());

        // a restart: a new watch on the same orders repeats nothing
        SlaWatch again = new SlaWatch(orders(db));
        assertEquals(0, again.tick());
        clock.now = T.plus(Duration.ofMinutes(45));
        orders.start("s", o.id(), "wang");
        clock.now = T.plus(Duration.ofMinutes(110));
        assertEquals(1, again.tick(), "10 minutes before the repair deadline");
        clock.now = T.plus(Duration.ofMinutes(120));
        assertEquals(1, again.tick());
        assertEquals(List.of("technician:work-order-sla-missed", "supervisor:work-order-sla-missed", "manager:work-order-sla-missed"),
                told.subList(told.size() - 3, told.size()), "a missed repair goes up to the third step: " + told);
        assertTrue(orders.find("s", o.id()).resolutionBreached());
        assertEquals(4, orders.find("s", o.id()).slaStage());
    }

    @Test
    void anOrderStartedAndDoneInTimeBreachesNothing() {
        WorkOrders orders = orders(database());
        WorkOrder o = orders.open(trapped()).orElseThrow();
        SlaWatch watch = new SlaWatch(orders);
        clock.now = T.plus(Duration.ofMinutes(18));
        orders.start("s", o.id(), "wang");
        clock.now = T.plus(Duration.ofMinutes(25));
        assertEquals(0, watch.tick(), "started: no arrival warning");
        clock.now = T.plus(Duration.ofMinutes(80));
        WorkOrder done = orders.done("s", o.id(), T.plus(Duration.ofMinutes(70)), 50, List.of(), "wang");
        clock.now = T.plus(Duration.ofHours(3));
        assertEquals(0, watch.tick());
        assertFalse(done.responseBreached());
        assertFalse(done.resolutionBreached());
        assertEquals(T.plus(Duration.ofMinutes(70)), done.restoredAt());
        assertEquals(List.of("technician:work-order-opened"), told);
    }

    @Test
    void anOrderStartedLateIsMarkedBreachedEvenBetweenTwoPasses() {
        WorkOrders orders = orders(database());
        WorkOrder o = orders.open(trapped()).orElseThrow();
        clock.now = T.plus(Duration.ofMinutes(31));
        assertTrue(orders.start("s", o.id(), "wang").responseBreached());
    }

    @Test
    void aLatePlannedVisitIsMarkedButWakesNobody() {
        WorkOrders orders = orders(database());
        WorkOrder visit = orders.open(new NewWorkOrder("s", "b1-lift-1", "b1", "preventive", "plan", "半月保养", "Half-monthly", null, null,
                Priority.MEDIUM, null, null, null, "tsg", 1, "half-monthly", T.plus(Duration.ofDays(1)), new java.math.BigDecimal("15"), null, null,
                List.of(), null, null, null, "plan")).orElseThrow();
        assertEquals(T.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(2160)), visit.resolveBy(), "due day's end + 10 % of 15 days");
        clock.now = T.plus(Duration.ofDays(3));
        assertEquals(1, new SlaWatch(orders).tick());
        assertEquals(4, orders.find("s", visit.id()).slaStage());
        assertTrue(orders.find("s", visit.id()).resolutionBreached());
        assertEquals(List.of(), told, "neither the opening nor the lateness of a planned visit goes to the on-call people");
    }
}
