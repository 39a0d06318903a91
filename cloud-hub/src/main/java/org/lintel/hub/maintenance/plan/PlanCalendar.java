package org.lintel.hub.maintenance.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.maintenance.WorkOrder;

/**
 * The plans' visits over some days, for a supervisor's calendar: orders already opened (with their state) and, for
 * fixed calendars, the visits still to come with their level. Floating and usage plans show their next visit only
 * once it has an order, since it depends on a completion or a count that has not happened yet.
 */
public final class PlanCalendar {

    private PlanCalendar() {
    }

    /** {@code orders}: at least every plan order opened or due in the days asked (more is harmless). */
    public static List<Map<String, Object>> of(List<Plan> plans, PlanTemplates templates, List<WorkOrder> orders, LocalDate from, LocalDate to, ZoneId zone) {
        Map<String, WorkOrder> byVisit = new HashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (WorkOrder o : orders) {
            if (o.planId() == null) {
                continue;
            }
            byVisit.put(o.planId() + "#" + o.planVisit(), o);
            LocalDate day = o.dueAt() != null ? PlanScheduler.dueDate(o.dueAt(), zone) : o.openedAt().atZone(zone).toLocalDate();
            if (!day.isBefore(from) && day.isBefore(to)) {
                out.add(entry(day, o.planId(), o.equipment(), o.planVisit(), o.planLevel(), o.state().id(), o.id(), o.titleZh(), o.titleEn()));
            }
        }
        for (Plan p : plans) {
            if (p.calendar() == null || !p.calendar().fixed()) {
                continue;
            }
            PlanTemplate t = p.template() == null ? null : templates.find(p.template()).orElse(null);
            Plan.Calendar c = p.calendar();
            long first = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(c.firstDue(), from) / c.everyDays());
            for (int n = (int) first; n < first + 1000; n++) {
                LocalDate due = Visits.fixedDue(c, n);
                if (!due.isBefore(to)) {
                    break;
                }
                if (due.isBefore(from) || byVisit.containsKey(p.id() + "#" + n)) {
                    continue;
                }
                int level = t == null ? 0 : Visits.level(t, c.firstDue(), c.everyDays(), n > 1 ? Visits.fixedDue(c, n - 1) : null, due);
                String levelId = t == null ? null : t.levels().get(level).id();
                out.add(entry(due, p.id(), p.equipment(), n, levelId, "planned", null,
                        p.nameZh() + (t == null ? "" : " · " + t.levels().get(level).zh()), p.nameEn() + (t == null ? "" : " · " + t.levels().get(level).en())));
            }
        }
        out.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("date")).thenComparing(m -> (String) m.get("plan")));
        return out;
    }

    private static Map<String, Object> entry(LocalDate day, String plan, String equipment, Integer visit, String level, String state, Long order,
                                             String zh, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", day.toString());
        m.put("plan", plan);
        m.put("equipment", equipment);
        m.put("visit", visit);
        m.put("level", level);
        m.put("state", state);
        m.put("order", order);
        m.put("titleZh", zh);
        m.put("titleEn", en);
        return m;
    }
}
