package org.lintel.hub.maintenance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What opens a work order; the rest (state, deadlines, id) the hub works out. */
public record NewWorkOrder(String site, String equipment, String building, String kind, String source, String titleZh, String titleEn,
                           String description, String location, Priority priority, String alarmType, Long alarmId, String alarmValue,
                           String planId, Integer planVisit, String planLevel, Instant dueAt, BigDecimal intervalDays, BigDecimal usageDue,
                           Instant failureAt, List<ChecklistItem> checklist, String reporter, String contact, Long parentId, String by) {

    public NewWorkOrder {
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }

    /** A person's order: by hand, or a resident's report. */
    public static NewWorkOrder byPerson(String site, String equipment, String building, String kind, String source, String titleZh, String titleEn,
                                        String description, String location, Priority priority, Instant failureAt, String reporter, String contact,
                                        String by) {
        return new NewWorkOrder(site, equipment, building, kind, source, titleZh, titleEn, description, location, priority, null, null, null,
                null, null, null, null, null, null, failureAt, List.of(), reporter, contact, null, by);
    }
}
