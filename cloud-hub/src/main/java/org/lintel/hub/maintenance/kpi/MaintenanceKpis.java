package org.lintel.hub.maintenance.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.lintel.hub.maintenance.WorkOrder;
import org.lintel.hub.maintenance.WorkOrderState;

/**
 * Maintenance KPIs over [from, to), per equipment, building, team or the whole site, with their definitions (published
 * next to the figures, see docs/maintenance.md). The traps of other systems are avoided on purpose: MTTR runs from
 * failure to restore, never labour time; MTBF divides operating time by failures; a planned order without a due date
 * is never compliant and is counted apart; PM on time means done within 10 % of its interval of the due day.
 */
public final class MaintenanceKpis {

    /** A corrective order on the same equipment and for the same fault within this long after a fix means it did not hold. */
    public static final Duration FIX_HELD = Duration.ofDays(7);

    public static final Map<String, String> DEFINITIONS = definitions();

    private MaintenanceKpis() {
    }

    /** One group's figures; hours and rates to two decimals (half up), null where undefined (no failures, nothing due). */
    public record Figures(String group, BigDecimal operatingHours, BigDecimal downtimeHours, int failures, BigDecimal mtbfHours, int restored,
                          int unrestored, BigDecimal mttrHours, int pmDue, int pmCompleted, int pmOnTime, BigDecimal pmCompliance,
                          BigDecimal pmCompletionRate, int pmUndated, int backlog, int responseBreaches, int resolutionBreaches, int correctiveDone,
                          int firstTimeFixes, BigDecimal firstTimeFixRate, BigDecimal labourHours, BigDecimal partsCost) {
    }

    /**
     * @param equipment every piece of equipment of the site with its group (for operating time: equipment with no
     *                  order still runs), as id → group key
     * @param groupOf   the group key of an order (its equipment's, building's or team's)
     */
    public static List<Figures> of(List<WorkOrder> orders, Map<String, String> equipment, Function<WorkOrder, String> groupOf, Instant from, Instant to,
                                   ZoneId zone) {
        Map<String, List<WorkOrder>> byGroup = new TreeMap<>();
        Map<String, Integer> units = new TreeMap<>();
        equipment.forEach((id, g) -> units.merge(g == null ? "-" : g, 1, Integer::sum));
        for (WorkOrder o : orders) {
            String g = groupOf.apply(o);
            byGroup.computeIfAbsent(g == null ? "-" : g, k -> new ArrayList<>()).add(o);
        }
        units.keySet().forEach(g -> byGroup.computeIfAbsent(g, k -> new ArrayList<>()));
        Fixes fixes = new Fixes(orders);
        List<Figures> out = new ArrayList<>();
        byGroup.forEach((g, list) -> out.add(figures(g, list, fixes, units.getOrDefault(g, 0), from, to, zone)));
        return out;
    }

    /**
     * What first-time fix asks of every order, indexed once: which orders have a follow-up, and each equipment's and
     * fault's failure times in order (a year of 100,000 orders was otherwise 2·10⁹ comparisons per request).
     */
    static final class Fixes {
        private final java.util.Set<Long> followedUp = new java.util.HashSet<>();
        private final Map<String, List<Instant>> failures = new java.util.HashMap<>();

        Fixes(List<WorkOrder> all) {
            for (WorkOrder x : all) {
                if (!x.corrective()) {
                    continue;
                }
                if (x.parentId() != null) {
                    followedUp.add(x.parentId());
                }
                if (x.equipment() != null && x.failureAt() != null) {
                    failures.computeIfAbsent(x.equipment() + "\u0000" + x.alarmType(), k -> new ArrayList<>()).add(x.failureAt());
                }
            }
            failures.values().forEach(java.util.Collections::sort);
        }

        /** First-time fix: no follow-up order from it, and no new corrective order for the same fault on the same equipment within 7 days. */
        boolean heldUp(WorkOrder o) {
            if (followedUp.contains(o.id())) {
                return false;
            }
            List<Instant> times = o.equipment() == null ? null : failures.get(o.equipment() + "\u0000" + o.alarmType());
            if (times == null) {
                return true;
            }
            // the first failure at or after the sign-off (the order's own failure came before it)
            int i = java.util.Collections.binarySearch(times, o.doneAt());
            int first = i >= 0 ? i : -i - 1;
            while (first > 0 && times.get(first - 1).equals(o.doneAt())) {
                first--;
            }
            return first >= times.size() || !times.get(first).isBefore(o.doneAt().plus(FIX_HELD));
        }
    }

    static Figures figures(String group, List<WorkOrder> mine, Fixes fixesOf, int units, Instant from, Instant to, ZoneId zone) {
        Duration window = Duration.between(from, to);
        Duration down = Duration.ZERO;
        int failures = 0;
        int restored = 0;
        int unrestored = 0;
        Duration repair = Duration.ZERO;
        int due = 0;
        int completed = 0;
        int onTime = 0;
        int undated = 0;
        int backlog = 0;
        int responseBreaches = 0;
        int resolutionBreaches = 0;
        int correctiveDone = 0;
        int fixes = 0;
        long labour = 0;
        BigDecimal parts = BigDecimal.ZERO;
        for (WorkOrder o : mine) {
            boolean cancelled = o.state() == WorkOrderState.CANCELLED;
            if (o.corrective() && !cancelled && o.failureAt() != null) {
                if (!o.failureAt().isBefore(from) && o.failureAt().isBefore(to)) {
                    failures++;
                }
                Instant end = o.restoredAt() != null ? o.restoredAt() : to;
                Instant a = max(o.failureAt(), from);
                Instant b = min(end, to);
                if (b.isAfter(a)) {
                    down = down.plus(Duration.between(a, b));
                }
                if (o.restoredAt() != null && !o.restoredAt().isBefore(from) && o.restoredAt().isBefore(to)) {
                    restored++;
                    repair = repair.plus(Duration.between(o.failureAt(), o.restoredAt()));
                } else if (o.restoredAt() == null && o.failureAt().isBefore(to)) {
                    unrestored++;
                }
            }
            if (!o.corrective() && !cancelled) {
                if (o.dueAt() == null) {
                    if (!o.openedAt().isBefore(from) && o.openedAt().isBefore(to)) {
                        undated++;
                    }
                } else if (!o.dueAt().isBefore(from.plus(Duration.ofDays(1))) && o.dueAt().isBefore(to.plus(Duration.ofDays(1)))) {
                    // due on a local day inside the window (dueAt is the end of that day)
                    due++;
                    if (o.doneAt() != null) {
                        completed++;
                        if (onTime(o)) {
                            onTime++;
                        }
                    }
                }
            } else if (!o.corrective() && cancelled && o.dueAt() != null && !o.dueAt().isBefore(from.plus(Duration.ofDays(1)))
                    && o.dueAt().isBefore(to.plus(Duration.ofDays(1)))) {
                due++; // a cancelled visit was still due: cancelling does not improve compliance
            }
            boolean openedBefore = o.openedAt().isBefore(to);
            boolean finishedBefore = o.doneAt() != null && o.doneAt().isBefore(to)
                    || (o.state() == WorkOrderState.CANCELLED || o.state() == WorkOrderState.MISSED) && o.closedAt() != null && o.closedAt().isBefore(to);
            if (openedBefore && !finishedBefore) {
                backlog++;
            }
            if (!o.openedAt().isBefore(from) && o.openedAt().isBefore(to)) {
                responseBreaches += o.responseBreached() ? 1 : 0;
                resolutionBreaches += o.resolutionBreached() ? 1 : 0;
            }
            if (o.doneAt() != null && !o.doneAt().isBefore(from) && o.doneAt().isBefore(to)) {
                labour += o.labourMinutes();
                parts = parts.add(o.cost());
                if (o.corrective()) {
                    correctiveDone++;
                    if (fixesOf.heldUp(o)) {
                        fixes++;
                    }
                }
            }
        }
        Duration operating = window.multipliedBy(Math.max(units, 1)).minus(down);
        return new Figures(group, hours(operating), hours(down), failures, failures == 0 ? null : hours(operating.dividedBy(failures)), restored,
                unrestored, restored == 0 ? null : hours(repair.dividedBy(restored)), due, completed, onTime, rate(onTime, due), rate(completed, due),
                undated, backlog, responseBreaches, resolutionBreaches, correctiveDone, fixes, rate(fixes, correctiveDone),
                BigDecimal.valueOf(labour).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP), parts.setScale(2, RoundingMode.HALF_UP));
    }

    /** Done within 10 % of the interval before the due day begins or after it ends. */
    static boolean onTime(WorkOrder o) {
        if (o.intervalDays() == null) {
            return false;
        }
        Duration slack = Duration.ofSeconds(o.intervalDays().multiply(BigDecimal.valueOf(8640)).setScale(0, RoundingMode.HALF_UP).longValueExact());
        Instant dayStarts = o.dueAt().minus(Duration.ofDays(1));
        return !o.doneAt().isBefore(dayStarts.minus(slack)) && !o.doneAt().isAfter(o.dueAt().plus(slack));
    }

    private static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal rate(int n, int of) {
        return of == 0 ? null : BigDecimal.valueOf(n * 100L).divide(BigDecimal.valueOf(of), 2, RoundingMode.HALF_UP);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("operatingHours", "运行时间 = 统计期 × 设备数 − 故障停机时间 / OperatingTime: the window times the equipment counted, less downtime");
        d.put("downtimeHours", "故障停机 = 每张纠正性工单从故障发生到恢复的时间（在统计期内的部分）/ DownTime: failure to restore of corrective orders, within the window");
        d.put("mtbfHours", "MTBF = 运行时间 ÷ 故障次数；故障 = 统计期内发生的纠正性工单（告警、报修、人工、整改），计划保养不算 / MeanOperatingTimeBetweenFailures = operating time ÷ failures (corrective orders whose failure fell in the window; planned work is not a failure)");
        d.put("mttrHours", "MTTR = 故障发生到恢复运行的平均时间，不是工时 / MeanTimeToRestauration = mean of restore − failure of the orders restored in the window; never labour time");
        d.put("pmCompliance", "计划保养按时率 = 按时完成 ÷ 到期数；按时 = 在到期日前后各不超过周期的10%内完成；取消的也计入到期数；没有到期日的工单不计入，单列为 pmUndated / PM compliance = done on time ÷ due in the window; on time = within 10 % of the interval of the due day; cancelled visits still count as due; orders without a due date never count and are listed as pmUndated");
        d.put("pmCompletionRate", "计划保养完成率 = 已完成 ÷ 到期数 / PM completion rate = done ÷ due");
        d.put("backlog", "积压 = 统计期末仍未完成的工单 / backlog = orders opened before the end and not done, cancelled or missed by then");
        d.put("responseBreaches", "到场超时 = 统计期内开出的、晚于响应时限才开始的工单数 / orders opened in the window whose work started after the response deadline");
        d.put("resolutionBreaches", "修复超时 = 统计期内开出的、晚于修复时限才完成的工单数 / orders opened in the window signed off after the resolution deadline");
        d.put("firstTimeFixRate", "一次修复率 = 没有整改工单、7天内同一设备同一故障没有再发的纠正性工单 ÷ 完成的纠正性工单 / first-time fix = corrective orders done with no follow-up order and no new order for the same fault on the same equipment within 7 days ÷ corrective orders done");
        return java.util.Collections.unmodifiableMap(d);
    }
}
