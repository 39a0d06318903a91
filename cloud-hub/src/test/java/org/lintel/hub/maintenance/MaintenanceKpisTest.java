package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestClock;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.maintenance.kpi.MaintenanceKpis;

/**
 * KPIs worked by hand over November 2027 (720 h) for lifts L1, L2 and L3 (L3 has no order at all), with the traps other
 * systems fall into: MTTR from labour time, MTBF from the days between downtimes, an undated order counted compliant.
 *
 * <pre>
 * L1 failure 1: lift-fault 11-02 10:00, restored 12:00 (2 h), 30 min of labour, signed off 12:00
 * L1 failure 2: lift-fault 11-06 08:00 (within 7 days of fix 1: fix 1 did not hold), restored 14:00 (6 h), 600 min of labour
 * L2 resident's report 11-28 09:00 (a failure too), not restored by the end: 63 h down, unrestored
 *    downtime 2 + 6 + 63 = 71 h; operating 3 × 720 − 71 = 2089 h; failures 3 → MTBF 696.33 h
 *    MTTR over the 2 restored: (2 + 6) / 2 = 4 h (labour would say 5.25 h)
 * L1 PM visit due 11-05, every 15 days, done 11-05 15:00 → on time
 * L1 PM visit due 11-20, done 11-23 10:00 → late (1.5 days of slack), completed
 * L1 usage-triggered order, no due date, done → pmUndated, not compliant
 * L2 PM visit due 11-25, cancelled → due, neither done nor on time
 *    PM due 3, completed 2, on time 1 → compliance 33.33 %, completion 66.67 %
 * first-time fix: fix 1 no (failure 2 came 4 days later), fix 2 yes → 50 %
 * the resident's report is still open at the end → backlog 1
 * labour 30 + 600 + 45 + 45 + 60 = 780 min = 13 h; parts two belts at 85.50 = 171.00
 * </pre>
 */
class MaintenanceKpisTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final TestClock clock = new TestClock(at(1, 0));
    static WorkOrders orders;
    static final Instant FROM = at(1, 0);
    static final Instant TO = LocalDate.of(2027, 12, 1).atStartOfDay(SHANGHAI).toInstant();

    static Instant at(int day, int hour) {
        return LocalDate.of(2027, 11, day).atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    static org.lintel.hub.storage.Database db;

    @org.junit.jupiter.api.AfterAll
    static void close() {
        db.close();
    }

    @BeforeAll
    static void aMonthOfWork() {
        db = TestPostgres.newDatabase();
        orders = new WorkOrders(db, clock, s -> SHANGHAI, e -> { });
        fault(2, 10, 12, 30);
        fault(6, 8, 14, 600);
        visit(5, LocalDate.of(2027, 11, 5), at(5, 15), false);
        visit(20, LocalDate.of(2027, 11, 20), at(23, 10), false);
        visit(25, LocalDate.of(2027, 11, 25), null, true);
        clock.now = at(10, 9);
        WorkOrder usage = orders.open(new NewWorkOrder("s", "L1", "b1", "preventive", "plan", "按运行次数保养", "By trips", null, null, Priority.MEDIUM,
                null, null, null, "trips", 1, null, null, null, new BigDecimal("5000"), null, List.of(), null, null, null, "plan")).orElseThrow();
        orders.start("s", usage.id(), "wang");
        orders.done("s", usage.id(), null, 60, List.of(), "wang");
        clock.now = at(28, 9);
        orders.open(NewWorkOrder.byPerson("s", "L2", "b1", "corrective", "resident", "电梯按钮失灵", "Lift button dead", "3楼按钮", "b1 3F",
                Priority.LOW, at(28, 9), "业主 3-301", "13800000000", "desk"));
    }

    static void fault(int day, int hour, int restoredHour, int labour) {
        clock.now = at(day, hour);
        WorkOrder o = orders.open(new NewWorkOrder("s", "L1", "b1", "corrective", "alarm", "电梯故障", "Lift fault", null, null, Priority.HIGH,
                "lift-fault", null, null, null, null, null, null, null, null, at(day, hour), List.of(), null, null, null, "rule")).orElseThrow();
        clock.now = at(day, hour).plusSeconds(600);
        orders.start("s", o.id(), "wang");
        clock.now = at(day, restoredHour);
        orders.done("s", o.id(), null, labour, List.of(new Part("门机皮带 door belt", new BigDecimal("1"), new BigDecimal("85.50"))), "wang");
    }

    static void visit(int openDay, LocalDate due, Instant done, boolean cancel) {
        clock.now = at(openDay, 7).minusSeconds(86_400 * 3);
        WorkOrder o = orders.open(new NewWorkOrder("s", cancel ? "L2" : "L1", "b1", "preventive", "plan", "半月保养", "Half-monthly", null, null,
                Priority.MEDIUM, null, null, null, "tsg", openDay, "half-monthly", due.plusDays(1).atStartOfDay(SHANGHAI).toInstant(),
                new BigDecimal("15"), null, null, List.of(), null, null, null, "plan")).orElseThrow();
        if (cancel) {
            orders.cancel("s", o.id(), "li", "lift handed to the installer");
            return;
        }
        clock.now = done.minusSeconds(3600);
        orders.start("s", o.id(), "wang");
        clock.now = done;
        orders.done("s", o.id(), null, 45, List.of(), "wang");
    }

    static MaintenanceKpis.Figures site() {
        List<MaintenanceKpis.Figures> f = MaintenanceKpis.of(orders.store().all("s"), Map.of("L1", "b1", "L2", "b1", "L3", "b1"), WorkOrder::building, FROM, TO, SHANGHAI);
        assertEquals(1, f.size());
        return f.get(0);
    }

    @Test
    void mttrRunsFromFailureToRestoreNotFromLabour() {
        assertEquals(new BigDecimal("4.00"), site().mttrHours());
        assertEquals(2, site().restored());
        assertEquals(1, site().unrestored());
    }

    @Test
    void mtbfDividesOperatingTimeByFailures() {
        assertEquals(new BigDecimal("71.00"), site().downtimeHours());
        assertEquals(new BigDecimal("2089.00"), site().operatingHours());
        assertEquals(3, site().failures());
        assertEquals(new BigDecimal("696.33"), site().mtbfHours());
    }

    @Test
    void equipmentThatNeverFailedHasNoMtbfRatherThanZero() {
        List<MaintenanceKpis.Figures> f = MaintenanceKpis.of(orders.store().all("s"), Map.of("L1", "L1", "L2", "L2", "L3", "L3"), WorkOrder::equipment, FROM, TO, SHANGHAI);
        MaintenanceKpis.Figures l3 = f.stream().filter(x -> x.group().equals("L3")).findFirst().orElseThrow();
        assertEquals(0, l3.failures());
        assertNull(l3.mtbfHours());
        assertNull(l3.mttrHours());
        assertEquals(new BigDecimal("720.00"), l3.operatingHours());
        MaintenanceKpis.Figures l2 = f.stream().filter(x -> x.group().equals("L2")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("657.00"), l2.mtbfHours(), "720 − 63 h over one failure");
    }

    @Test
    void pmComplianceCountsOnlyDatedVisitsAndCancelledOnesStayDue() {
        MaintenanceKpis.Figures s = site();
        assertEquals(3, s.pmDue());
        assertEquals(2, s.pmCompleted());
        assertEquals(1, s.pmOnTime());
        assertEquals(new BigDecimal("33.33"), s.pmCompliance());
        assertEquals(new BigDecimal("66.67"), s.pmCompletionRate());
        assertEquals(1, s.pmUndated(), "the usage order without a due date is counted apart, never as compliant");
    }

    @Test
    void aFixFollowedByTheSameFaultWithinSevenDaysIsNotAFirstTimeFix() {
        assertEquals(2, site().correctiveDone(), "the resident's report is not done");
        assertEquals(1, site().firstTimeFixes());
        assertEquals(new BigDecimal("50.00"), site().firstTimeFixRate());
    }

    @Test
    void backlogLabourAndPartsAddUp() {
        MaintenanceKpis.Figures s = site();
        assertEquals(1, s.backlog(), "the resident's report still open at the end");
        assertEquals(new BigDecimal("13.00"), s.labourHours(), "30 + 600 + 45 + 45 + 60 minutes");
        assertEquals(new BigDecimal("171.00"), s.partsCost(), "two belts at 85.50");
    }
}
