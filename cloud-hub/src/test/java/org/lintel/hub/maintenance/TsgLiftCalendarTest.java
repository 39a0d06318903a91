package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestClock;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.maintenance.plan.Plan;
import org.lintel.hub.maintenance.plan.PlanScheduler;
import org.lintel.hub.maintenance.plan.PlanStore;
import org.lintel.hub.maintenance.plan.PlanTemplates;
import org.lintel.hub.storage.Database;

/**
 * A year of a lift's TSG T5002 plan under a clock the test moves day by day: orders appear 3 days ahead, the
 * technician does each visit on its due date and the supervisor verifies it; then every gap, level and item is checked.
 */
class TsgLiftCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate FIRST = LocalDate.of(2027, 1, 5);
    static final TestClock clock = new TestClock(FIRST.minusDays(10).atTime(8, 0).atZone(SHANGHAI).toInstant());
    static final PlanTemplates templates = PlanTemplates.builtIn();
    static List<WorkOrder> visits;
    static Database db;

    @org.junit.jupiter.api.AfterAll
    static void close() {
        db.close();
    }

    @BeforeAll
    static void aYearOfVisits() {
        db = TestPostgres.newDatabase();
        WorkOrders orders = new WorkOrders(db, clock, s -> SHANGHAI, e -> { });
        PlanStore plans = new PlanStore(db, templates);
        // in service since 2010: more than 15 years, so the governor is calibrated every year
        plans.save(Plan.fromJson("s", "b1-lift-1-tsg", Map.of("equipment", "b1-lift-1", "template", "lift-tsg-t5002",
                "calendar", Map.of("mode", "fixed", "firstDue", FIRST.toString()), "horizonDays", 3, "commissionedOn", "2010-03-01"),
                templates, clock.instant()), clock.instant(), "engineer");
        PlanScheduler scheduler = new PlanScheduler(plans, templates, orders, (s, d, p, f, t) -> Optional.empty(), (s, d) -> "b1", clock);
        for (LocalDate day = FIRST.minusDays(10); day.isBefore(FIRST.plusDays(366)); day = day.plusDays(1)) {
            clock.now = day.atTime(8, 0).atZone(SHANGHAI).toInstant();
            scheduler.pass();
            for (WorkOrder o : orders.store().list("s", List.of("open"), null, null, null, 100)) {
                if (due(o).equals(day)) {
                    work(orders, o);
                }
            }
        }
        visits = orders.store().list("s", null, null, null, "b1-lift-1-tsg", 1000).stream()
                .filter(o -> due(o).isBefore(FIRST.plusDays(365))).sorted(Comparator.comparingInt(WorkOrder::planVisit)).toList();
    }

    static LocalDate due(WorkOrder o) {
        return o.dueAt().atZone(SHANGHAI).toLocalDate().minusDays(1);
    }

    static void work(WorkOrders orders, WorkOrder o) {
        orders.start("s", o.id(), "wang");
        for (int i = 0; i < o.checklist().size(); i++) {
            ChecklistItem item = o.checklist().get(i);
            String answer = "number".equals(item.type()) ? (item.min() != null ? item.min() : item.max()).toPlainString() : "pass";
            orders.answer("s", o.id(), i, answer, null, false, "wang");
        }
        orders.done("s", o.id(), null, 90, List.of(), "wang");
        orders.verify("s", o.id(), true, null, "supervisor-li");
    }

    @Test
    void everyHalfMonthlyVisitIsWithinFifteenDaysOfTheLast() {
        assertEquals(25, visits.size(), "visits due in the year: every 15 days from " + FIRST);
        for (int i = 1; i < visits.size(); i++) {
            long gap = ChronoUnit.DAYS.between(visits.get(i - 1).doneAt(), visits.get(i).doneAt());
            assertTrue(gap <= 15, "visit " + visits.get(i).planVisit() + " came " + gap + " days after the last");
        }
        assertTrue(visits.stream().allMatch(o -> o.state() == WorkOrderState.CLOSED), "each visit was done, signed and verified");
    }

    @Test
    void ordersAppearThreeDaysBeforeTheyAreDue() {
        for (WorkOrder o : visits) {
            assertEquals(due(o).minusDays(3), o.openedAt().atZone(SHANGHAI).toLocalDate(), "visit " + o.planVisit());
        }
    }

    @Test
    void quarterlyHalfYearlyAndAnnualItemsFallOnTheVisitsNearestTheirMarks() {
        Map<String, List<LocalDate>> byLevel = visits.stream().collect(Collectors.groupingBy(WorkOrder::planLevel,
                Collectors.mapping(TsgLiftCalendarTest::due, Collectors.toList())));
        assertEquals(List.of(FIRST.plusMonths(3), FIRST.plusMonths(9)).size(), byLevel.get("quarterly").size(), "quarterly visits: " + byLevel);
        assertEquals(1, byLevel.get("half-yearly").size(), "half-yearly: " + byLevel);
        assertEquals(1, byLevel.getOrDefault("annual", List.of()).size(), "annual: " + byLevel);
        List<LocalDate> marks = List.of(FIRST.plusMonths(3), FIRST.plusMonths(6), FIRST.plusMonths(9), FIRST.plusMonths(12));
        List<String> levels = List.of("quarterly", "half-yearly", "quarterly", "annual");
        List<WorkOrder> higher = visits.stream().filter(o -> !o.planLevel().equals("half-monthly")).toList();
        assertEquals(4, higher.size());
        for (int k = 0; k < 4; k++) {
            long off = ChronoUnit.DAYS.between(marks.get(k), due(higher.get(k)));
            assertTrue(off >= -7 && off <= 7, "the visit for the mark " + marks.get(k) + " is due " + due(higher.get(k)));
            assertEquals(levels.get(k), higher.get(k).planLevel(), "the visit near " + marks.get(k));
        }
    }

    @Test
    void eachLevelIncludesTheItemsOfTheLevelBelow() {
        Set<String> half = codes(first("half-monthly"));
        Set<String> quarter = codes(first("quarterly"));
        Set<String> halfYear = codes(first("half-yearly"));
        Set<String> annual = codes(first("annual"));
        assertTrue(half.stream().allMatch(c -> c.startsWith("A")), "half-monthly: " + half);
        assertTrue(quarter.containsAll(half) && quarter.stream().anyMatch(c -> c.startsWith("B")) && quarter.stream().noneMatch(c -> c.startsWith("C")));
        assertTrue(halfYear.containsAll(quarter) && halfYear.stream().anyMatch(c -> c.startsWith("C")) && halfYear.stream().noneMatch(c -> c.startsWith("D")));
        assertTrue(annual.containsAll(halfYear) && annual.contains("D6"), "annual: " + annual);
        assertTrue(annual.contains("D-GOV"), "a lift over 15 years in service has its governor calibrated at every annual visit");
        assertFalse(halfYear.contains("D-GOV"));
        assertTrue(first("annual").checklist().stream().allMatch(i -> i.source() != null && i.source().startsWith("TSG T5002")), "every item names its source");
    }

    @Test
    void theGovernorOfAYoungLiftIsCalibratedEverySecondYear() {
        // the same plan on a lift commissioned on the plan's first day: years 2 and 4 have it, 1 and 3 do not
        try (Database db = TestPostgres.newDatabase()) {
            governorEverySecondYear(db);
        }
    }

    void governorEverySecondYear(Database db) {
        TestClock c = new TestClock(FIRST.atTime(8, 0).atZone(SHANGHAI).toInstant());
        WorkOrders orders = new WorkOrders(db, c, s -> SHANGHAI, e -> { });
        PlanStore plans = new PlanStore(db, templates);
        plans.save(Plan.fromJson("s", "young", Map.of("equipment", "b2-lift-1", "template", "lift-tsg-t5002",
                "calendar", Map.of("mode", "fixed", "firstDue", FIRST.toString()), "horizonDays", 0, "commissionedOn", FIRST.toString()),
                templates, c.instant()), c.instant(), "engineer");
        PlanScheduler scheduler = new PlanScheduler(plans, templates, orders, (s, d, p, f, t) -> Optional.empty(), (s, d) -> "b2", c);
        List<Boolean> governorAtAnnual = new ArrayList<>();
        for (LocalDate day = FIRST; day.isBefore(FIRST.plusYears(4).plusDays(10)); day = day.plusDays(15)) {
            c.now = day.atTime(8, 0).atZone(SHANGHAI).toInstant();
            scheduler.pass();
            for (WorkOrder o : orders.store().list("s", List.of("open"), null, null, null, 100)) {
                if ("annual".equals(o.planLevel())) {
                    governorAtAnnual.add(codes(o).contains("D-GOV"));
                }
                orders.cancel("s", o.id(), "test", "only the checklist is looked at");
            }
        }
        assertEquals(List.of(false, true, false, true), governorAtAnnual);
    }

    @Test
    void aVisitNobodyStartedIsMissedWhenTheNextFallsDue() {
        try (Database db = TestPostgres.newDatabase()) {
            missed(db);
        }
    }

    void missed(Database db) {
        TestClock c = new TestClock(FIRST.atTime(8, 0).atZone(SHANGHAI).toInstant());
        WorkOrders orders = new WorkOrders(db, c, s -> SHANGHAI, e -> { });
        PlanStore plans = new PlanStore(db, templates);
        plans.save(Plan.fromJson("s", "p", Map.of("equipment", "b1-lift-1", "template", "lift-tsg-t5002",
                "calendar", Map.of("mode", "fixed", "firstDue", FIRST.toString()), "horizonDays", 0), templates, c.instant()), c.instant(), "e");
        PlanScheduler scheduler = new PlanScheduler(plans, templates, orders, (s, d, p, f, t) -> Optional.empty(), (s, d) -> "b1", c);
        scheduler.pass();
        c.now = FIRST.plusDays(15).atTime(8, 0).atZone(SHANGHAI).toInstant();
        scheduler.pass();
        List<WorkOrder> all = orders.store().list("s", null, null, null, "p", 10);
        assertEquals(List.of(WorkOrderState.OPEN, WorkOrderState.MISSED), all.stream().map(WorkOrder::state).toList(), "newest first");
        assertEquals(2, all.get(0).planVisit());
    }

    @Test
    void aFloatingPlanCountsFromTheLastCompletionAndKeepsOneOrderOpen() {
        try (Database db = TestPostgres.newDatabase()) {
            floating(db);
        }
    }

    void floating(Database db) {
        TestClock c = new TestClock(FIRST.atTime(8, 0).atZone(SHANGHAI).toInstant());
        WorkOrders orders = new WorkOrders(db, c, s -> SHANGHAI, e -> { });
        PlanStore plans = new PlanStore(db, templates);
        plans.save(Plan.fromJson("s", "pump", Map.of("equipment", "b1-pump-1", "template", "water-supply",
                "calendar", Map.of("mode", "floating", "firstDue", FIRST.toString()), "horizonDays", 2), templates, c.instant()), c.instant(), "e");
        PlanScheduler scheduler = new PlanScheduler(plans, templates, orders, (s, d, p, f, t) -> Optional.empty(), (s, d) -> "b1", c);
        assertEquals(1, scheduler.pass());
        c.now = FIRST.plusDays(40).atTime(8, 0).atZone(SHANGHAI).toInstant();
        assertEquals(0, scheduler.pass(), "the first is still open: no second");
        WorkOrder first = orders.store().list("s", null, null, null, "pump", 10).get(0);
        work(orders, first);
        // done on day 40: the next is due 30 days later, created 2 days before
        c.now = FIRST.plusDays(67).atTime(8, 0).atZone(SHANGHAI).toInstant();
        assertEquals(0, scheduler.pass());
        c.now = FIRST.plusDays(68).atTime(8, 0).atZone(SHANGHAI).toInstant();
        assertEquals(1, scheduler.pass());
        assertEquals(FIRST.plusDays(70), due(orders.store().list("s", List.of("open"), null, null, "pump", 10).get(0)));
    }

    static WorkOrder first(String level) {
        return visits.stream().filter(o -> o.planLevel().equals(level)).findFirst().orElseThrow(() -> new AssertionError("no " + level + " visit"));
    }

    static Set<String> codes(WorkOrder o) {
        return o.checklist().stream().map(ChecklistItem::code).collect(Collectors.toSet());
    }
}
