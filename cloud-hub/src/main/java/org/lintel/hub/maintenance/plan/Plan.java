package org.lintel.hub.maintenance.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.maintenance.ChecklistItem;
import org.lintel.hub.maintenance.MaintenanceException;
import org.lintel.hub.maintenance.Priority;

/**
 * A maintenance plan (维保计划) on one piece of equipment: a calendar trigger, a usage trigger from a telemetry counter,
 * or both (whichever comes first); orders are generated {@code horizonDays} ahead of their due date, and with
 * {@code nextAfterClosed} the next only once the last is closed. A template gives the levels and checklist items.
 */
public record Plan(String id, String site, String equipment, String template, String nameZh, String nameEn, String kind, Priority priority,
                   Calendar calendar, Usage usage, int horizonDays, boolean nextAfterClosed, LocalDate commissionedOn, List<ChecklistItem> checklist) {

    public Plan {
        checklist = List.copyOf(checklist);
    }

    /** Every {@code everyDays}: fixed from {@code firstDue}, or floating from the last completion. */
    public record Calendar(int everyDays, String mode, LocalDate firstDue) {
        public boolean fixed() {
            return "fixed".equals(mode);
        }
    }

    /**
     * Every {@code every} of counter {@code point} (lift trips, door cycles, run hours, pump starts) counted from
     * {@code from} on the lifetime total, which survives meter replacement and rollover: at fixed marks (every, 2 ×
     * every, …) or floating from the count at which the last order was signed off.
     */
    public record Usage(String point, BigDecimal every, String mode, Instant from) {
        public boolean fixed() {
            return "fixed".equals(mode);
        }
    }

    public boolean whicheverFirst() {
        return calendar != null && usage != null;
    }

    /** Reads a plan as sent in a request (the id and site from the path); errors name the field and what would be right. */
    @SuppressWarnings("unchecked")
    public static Plan fromJson(String site, String id, Map<String, Object> b, PlanTemplates templates, Instant now) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw MaintenanceException.invalid("id", "a plan id is lower-case letters, digits and '-', up to 63 characters, not '" + id + "'");
        }
        String equipment = text(b, "equipment", true);
        String template = text(b, "template", false);
        PlanTemplate t = null;
        if (template != null) {
            t = templates.find(template).orElseThrow(() -> MaintenanceException.invalid("template", "template '" + template
                    + "' is not known; templates: " + templates.all().stream().map(PlanTemplate::id).toList()));
        }
        Map<String, Object> name = b.get("name") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String zh = name.get("zh") != null ? String.valueOf(name.get("zh")) : t != null ? t.nameZh() : null;
        String en = name.get("en") != null ? String.valueOf(name.get("en")) : t != null ? t.nameEn() : null;
        if (zh == null || en == null) {
            throw MaintenanceException.invalid("name", "name needs zh and en (a template gives them)");
        }
        String kind = b.get("kind") == null ? "preventive" : String.valueOf(b.get("kind"));
        if (!kind.equals("preventive") && !kind.equals("inspection")) {
            throw MaintenanceException.invalid("kind", "a plan's kind is preventive or inspection, not '" + kind + "'");
        }
        String p = b.get("priority") == null ? "medium" : String.valueOf(b.get("priority"));
        Priority priority = Priority.of(p).orElseThrow(() -> MaintenanceException.invalid("priority", "priority is immediate, high, medium or low, not '" + p + "'"));
        Calendar calendar = null;
        if (b.get("calendar") instanceof Map<?, ?> c) {
            Object every = c.get("everyDays") != null ? c.get("everyDays") : t != null ? t.everyDays() : null;
            if (!(every instanceof Number n) || n.intValue() < 1 || n.intValue() > 3660 || n.doubleValue() != n.intValue()) {
                throw MaintenanceException.invalid("calendar.everyDays", "calendar.everyDays must be a whole number of days from 1 to 3660, not " + every);
            }
            String mode = c.get("mode") == null ? "fixed" : String.valueOf(c.get("mode"));
            if (!mode.equals("fixed") && !mode.equals("floating")) {
                throw MaintenanceException.invalid("calendar.mode", "calendar.mode is fixed (from the schedule) or floating (from the last completion), not '" + mode + "'");
            }
            calendar = new Calendar(((Number) every).intValue(), mode, date(c.get("firstDue"), "calendar.firstDue"));
        } else if (b.get("calendar") != null) {
            throw MaintenanceException.invalid("calendar", "calendar must be an object: {\"everyDays\": 15, \"mode\": \"fixed\", \"firstDue\": \"2027-01-01\"}");
        }
        Usage usage = null;
        if (b.get("usage") instanceof Map<?, ?> u) {
            String point = u.get("point") == null ? null : String.valueOf(u.get("point"));
            if (point == null || point.isBlank()) {
                throw MaintenanceException.invalid("usage.point", "usage.point names the counter, e.g. trip.count or run.hours");
            }
            BigDecimal every;
            try {
                every = new BigDecimal(String.valueOf(u.get("every")));
            } catch (NumberFormatException e) {
                throw MaintenanceException.invalid("usage.every", "usage.every must be a number greater than 0, not " + u.get("every"));
            }
            if (every.signum() <= 0) {
                throw MaintenanceException.invalid("usage.every", "usage.every must be greater than 0");
            }
            String mode = u.get("mode") == null ? "floating" : String.valueOf(u.get("mode"));
            if (!mode.equals("fixed") && !mode.equals("floating")) {
                throw MaintenanceException.invalid("usage.mode", "usage.mode is fixed (at every, 2 × every, …) or floating (from the last sign-off), not '" + mode + "'");
            }
            Instant from = now;
            if (u.get("from") != null) {
                try {
                    from = Instant.parse(String.valueOf(u.get("from")));
                } catch (DateTimeParseException e) {
                    throw MaintenanceException.invalid("usage.from", "usage.from must be an instant such as 2026-12-01T00:00:00Z, not '" + u.get("from") + "'");
                }
            }
            usage = new Usage(point, every, mode, from);
        } else if (b.get("usage") != null) {
            throw MaintenanceException.invalid("usage", "usage must be an object: {\"point\": \"trip.count\", \"every\": 5000}");
        }
        if (calendar == null && usage == null) {
            throw MaintenanceException.invalid("calendar", "a plan needs a calendar trigger, a usage trigger or both");
        }
        if (calendar != null && calendar.fixed() && calendar.firstDue() == null) {
            throw MaintenanceException.invalid("calendar.firstDue", "a fixed calendar needs firstDue, the date of its first visit");
        }
        if (calendar != null && usage != null && (calendar.fixed() || usage.fixed())) {
            throw MaintenanceException.invalid("calendar.mode", "whichever-first plans (calendar and usage) count both from the last completion: use mode floating for both");
        }
        int horizon = b.get("horizonDays") == null ? 7 : b.get("horizonDays") instanceof Number n ? n.intValue() : -1;
        if (horizon < 0 || horizon > 366) {
            throw MaintenanceException.invalid("horizonDays", "horizonDays (how many days ahead orders are created) must be 0 to 366, not " + b.get("horizonDays"));
        }
        boolean after = Boolean.TRUE.equals(b.get("nextAfterClosed"));
        List<ChecklistItem> items = new ArrayList<>();
        if (b.get("checklist") instanceof List<?> l) {
            int i = 0;
            for (Object o : l) {
                if (!(o instanceof Map<?, ?> m) || m.get("zh") == null || m.get("en") == null) {
                    throw MaintenanceException.invalid("checklist[" + i + "]", "checklist[" + i + "] needs zh and en texts");
                }
                String type = m.get("type") == null ? "pass-fail" : String.valueOf(m.get("type"));
                if (!ChecklistItem.TYPES.contains(type)) {
                    throw MaintenanceException.invalid("checklist[" + i + "].type", "checklist[" + i + "].type is one of " + ChecklistItem.TYPES + ", not '" + type + "'");
                }
                items.add(ChecklistItem.of(m.get("code") == null ? "C" + (i + 1) : String.valueOf(m.get("code")), String.valueOf(m.get("zh")),
                        String.valueOf(m.get("en")), type, m.get("min") == null ? null : new BigDecimal(String.valueOf(m.get("min"))),
                        m.get("max") == null ? null : new BigDecimal(String.valueOf(m.get("max"))), m.get("unit") == null ? null : String.valueOf(m.get("unit")),
                        m.get("source") == null ? null : String.valueOf(m.get("source"))));
                i++;
            }
        }
        return new Plan(id, site, equipment, template, zh, en, kind, priority, calendar, usage, horizon, after,
                date(b.get("commissionedOn"), "commissionedOn"), items);
    }

    private static String text(Map<String, Object> b, String field, boolean required) {
        Object v = b.get(field);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw MaintenanceException.invalid(field, field + " is required");
            }
            return null;
        }
        return String.valueOf(v);
    }

    private static LocalDate date(Object v, String field) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw MaintenanceException.invalid(field, field + " must be a date such as 2027-01-01, not '" + v + "'");
        }
    }

    /** As the API shows it and the store keeps it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("equipment", equipment);
        if (template != null) {
            m.put("template", template);
        }
        m.put("name", Map.of("zh", nameZh, "en", nameEn));
        m.put("kind", kind);
        m.put("priority", priority.id());
        if (calendar != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("everyDays", calendar.everyDays());
            c.put("mode", calendar.mode());
            if (calendar.firstDue() != null) {
                c.put("firstDue", calendar.firstDue().toString());
            }
            m.put("calendar", c);
        }
        if (usage != null) {
            m.put("usage", Map.of("point", usage.point(), "every", usage.every(), "mode", usage.mode(), "from", usage.from().toString()));
        }
        m.put("horizonDays", horizonDays);
        m.put("nextAfterClosed", nextAfterClosed);
        if (commissionedOn != null) {
            m.put("commissionedOn", commissionedOn.toString());
        }
        if (!checklist.isEmpty()) {
            m.put("checklist", checklist.stream().map(c -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("code", c.code());
                x.put("zh", c.textZh());
                x.put("en", c.textEn());
                x.put("type", c.type());
                if (c.min() != null) {
                    x.put("min", c.min());
                }
                if (c.max() != null) {
                    x.put("max", c.max());
                }
                if (c.unit() != null) {
                    x.put("unit", c.unit());
                }
                return x;
            }).toList());
        }
        return m;
    }
}
