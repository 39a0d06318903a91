package org.lintel.hub.maintenance;

import java.math.BigDecimal;

/**
 * One line of a work order's checklist, with its answer once given. {@code type} is pass-fail, number (within
 * {@code min}–{@code max} when given), text or photo; {@code source} names the rule or standard the item comes from.
 * {@code ok} is false for a failed check or a number outside its limits, null until answered.
 */
public record ChecklistItem(String code, String textZh, String textEn, String type, BigDecimal min, BigDecimal max, String unit,
                            String source, String answer, Boolean ok, String note, Long followUp) {

    public static final java.util.List<String> TYPES = java.util.List.of("pass-fail", "number", "text", "photo");

    public static ChecklistItem of(String code, String textZh, String textEn, String type, BigDecimal min, BigDecimal max, String unit, String source) {
        return new ChecklistItem(code, textZh, textEn, type, min, max, unit, source, null, null, null, null);
    }

    ChecklistItem answered(String answer, Boolean ok, String note) {
        return new ChecklistItem(code, textZh, textEn, type, min, max, unit, source, answer, ok, note, followUp);
    }

    ChecklistItem withFollowUp(long order) {
        return new ChecklistItem(code, textZh, textEn, type, min, max, unit, source, answer, ok, note, order);
    }
}
