package org.lintel.hub.maintenance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A work order (工单) as stored: what and where, why (kind, source, the alarm or plan visit behind it), its state
 * and the people on it, its deadlines, the work done and, for a resident's report, the resident's rating.
 *
 * <p>{@code failureAt} is when the equipment failed (the alarm's activation, or when a resident reported it) and
 * {@code restoredAt} when it worked again: MTTR is measured between the two, never from labour time.
 */
public record WorkOrder(
        long id,
        String site,
        String equipment,
        String building,
        String kind,
        String source,
        String titleZh,
        String titleEn,
        String description,
        String location,
        Priority priority,
        WorkOrderState state,
        String alarmType,
        Long alarmId,
        int occurrences,
        String planId,
        Integer planVisit,
        String planLevel,
        Instant dueAt,
        BigDecimal intervalDays,
        BigDecimal usageDue,
        Instant failureAt,
        Instant openedAt,
        String openedBy,
        String assignee,
        String team,
        Instant startedAt,
        Instant restoredAt,
        Instant doneAt,
        Instant closedAt,
        Instant respondBy,
        Instant resolveBy,
        int slaStage,
        boolean responseBreached,
        boolean resolutionBreached,
        String signedBy,
        String verifiedBy,
        int labourMinutes,
        List<Part> parts,
        BigDecimal cost,
        List<ChecklistItem> checklist,
        String reporter,
        String contact,
        Integer rating,
        String returnVisit,
        Long parentId,
        BigDecimal usageAtDone) {

    public static final List<String> KINDS = List.of("corrective", "preventive", "inspection");
    public static final List<String> SOURCES = List.of("alarm", "plan", "resident", "manual", "follow-up");

    public WorkOrder {
        parts = List.copyOf(parts);
        checklist = List.copyOf(checklist);
    }

    /** Corrective work is a failure for MTBF and MTTR; preventive and inspection work is planned. */
    public boolean corrective() {
        return "corrective".equals(kind);
    }
}
