package org.lintel.hub.maintenance.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.maintenance.ChecklistItem;

/**
 * Which level a visit is and what it checks. A level {@code months} apart is due at the plan's anchor plus 1, 2, 3 …
 * times its months; the first visit due no more than half a base interval before such a mark does it (and every
 * level below it). So with visits every 15 days, each quarterly, half-yearly and annual visit falls within 8 days of
 * its mark and no mark is done twice or skipped.
 */
final class Visits {

    private Visits() {
    }

    static LocalDate fixedDue(Plan.Calendar c, int visit) {
        return c.firstDue().plusDays((long) (visit - 1) * c.everyDays());
    }

    /** The level index (0: the base level) of a visit due on {@code due}, the previous one due on {@code previous} (null: none). */
    static int level(PlanTemplate t, LocalDate anchor, int everyDays, LocalDate previous, LocalDate due) {
        int best = 0;
        int tolerance = everyDays / 2;
        LocalDate prev = previous == null ? anchor : previous;
        for (int i = 1; i < t.levels().size(); i++) {
            int months = t.levels().get(i).months();
            if (months <= 0) {
                continue;
            }
            int k = 1;
            while (!anchor.plusMonths((long) k * months).minusDays(tolerance).isAfter(prev)) {
                k++;
            }
            if (!anchor.plusMonths((long) k * months).minusDays(tolerance).isAfter(due)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The checklist of a visit of level {@code level}: the items of that level and every level below it. An item
     * limited to every N years is there when the equipment's years in service (from {@code commissioned}) are a
     * multiple of N, or every year once they pass its limit.
     */
    static List<ChecklistItem> items(PlanTemplate t, int level, LocalDate due, LocalDate commissioned) {
        List<ChecklistItem> out = new ArrayList<>();
        long years = Math.round(ChronoUnit.DAYS.between(commissioned, due) / 365.25);
        for (PlanTemplate.Item i : t.items()) {
            if (t.levelIndex(i.level()) > level) {
                continue;
            }
            if (i.everyYears() != null) {
                boolean yearly = i.everyYearAfterYears() != null && years > i.everyYearAfterYears();
                if (years < 1 || !yearly && years % i.everyYears() != 0) {
                    continue;
                }
            }
            out.add(ChecklistItem.of(i.code(), i.zh(), i.en(), i.type(), i.min(), i.max(), i.unit(), i.source()));
        }
        return out;
    }
}
