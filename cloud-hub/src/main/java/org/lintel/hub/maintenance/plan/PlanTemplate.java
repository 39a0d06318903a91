package org.lintel.hub.maintenance.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * A ready-made maintenance plan (维保计划模板): a base visit every {@code everyDays}, levels that nest (each visit of a
 * higher level includes the items of the lower ones) and the checklist items of each level, each with its source.
 */
public record PlanTemplate(String id, String nameZh, String nameEn, String source, String equipmentKind, int everyDays, List<Level> levels,
                           List<Item> items) {

    public PlanTemplate {
        levels = List.copyOf(levels);
        items = List.copyOf(items);
    }

    /** A level and how many months apart its visits are (0: every base visit). */
    public record Level(String id, String zh, String en, int months) {
    }

    /**
     * A checklist item of a level. {@code everyYears} (with {@code everyYearAfterYears}) limits it to some annual
     * visits: the overspeed governor is calibrated every 2 years, yearly once the lift is over 15 years in service.
     */
    public record Item(String code, String level, String zh, String en, String type, BigDecimal min, BigDecimal max, String unit, String source,
                       Integer everyYears, Integer everyYearAfterYears) {
    }

    public int levelIndex(String level) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).id().equals(level)) {
                return i;
            }
        }
        return -1;
    }
}
