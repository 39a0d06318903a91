package org.lintel.hub.receivables.reminders;

import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lintel.hub.billing.BillingException;

/**
 * How a site reminds its payers: on which days relative to a bill's due date ({@code schedule}, e.g. −3, 0, 7, 30),
 * never in the quiet hours (local time, may span midnight), at most one reminder per payer every
 * {@code minIntervalDays}, through which channels, with which words ({@code templates} by language; null: the
 * built-in ones).
 */
public record ReminderPolicy(List<Integer> schedule, LocalTime quietFrom, LocalTime quietTo, int minIntervalDays, Sms sms, Webhook webhook,
                             Email email, Map<String, String> templates) {

    public record Sms(String url, String body, String contentType) {
    }

    public record Webhook(URI url) {
    }

    public record Email(String host, int port, boolean startTls, String from) {
    }

    public ReminderPolicy {
        schedule = List.copyOf(schedule);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /** Whether {@code t} (local) falls in the quiet hours. */
    public boolean quiet(LocalTime t) {
        if (quietFrom == null || quietFrom.equals(quietTo)) {
            return false;
        }
        return quietFrom.isBefore(quietTo) ? !t.isBefore(quietFrom) && t.isBefore(quietTo) : !t.isBefore(quietFrom) || t.isBefore(quietTo);
    }

    /** Reads a policy as the API takes it, refusing the first wrong field by name with what would be right. */
    @SuppressWarnings("unchecked")
    public static ReminderPolicy parse(Map<String, Object> json) {
        for (String k : json.keySet()) {
            if (!List.of("schedule", "quietHours", "minIntervalDays", "sms", "webhook", "email", "templates").contains(k)) {
                throw invalid(k, "field '" + k + "' is not part of a reminder policy; fields: schedule, quietHours, minIntervalDays, sms, webhook, email, templates");
            }
        }
        List<Integer> schedule = new ArrayList<>();
        if (!(json.get("schedule") instanceof List<?> l) || l.isEmpty() || l.size() > 10) {
            throw invalid("schedule", "field 'schedule': 1 to 10 days relative to the due date, e.g. [-3, 0, 7, 30]");
        }
        for (Object o : l) {
            if (!(o instanceof Integer d) || d < -60 || d > 365) {
                throw invalid("schedule", "field 'schedule': whole days from -60 (before the due date) to 365 (after it); found " + o);
            }
            if (schedule.contains(d)) {
                throw invalid("schedule", "field 'schedule': day " + d + " is listed twice");
            }
            schedule.add(d);
        }
        schedule.sort(Integer::compare);
        LocalTime from = null;
        LocalTime to = null;
        if (json.get("quietHours") != null) {
            if (!(json.get("quietHours") instanceof Map<?, ?> q)) {
                throw invalid("quietHours", "field 'quietHours': {\"from\": \"21:00\", \"to\": \"08:00\"} in the site's local time");
            }
            from = time((Map<String, Object>) q, "from");
            to = time((Map<String, Object>) q, "to");
        }
        Object interval = json.getOrDefault("minIntervalDays", 3);
        if (!(interval instanceof Integer days) || days < 1 || days > 90) {
            throw invalid("minIntervalDays", "field 'minIntervalDays': at most one reminder per payer every 1 to 90 days");
        }
        Sms sms = null;
        if (json.get("sms") instanceof Map<?, ?> m) {
            String url = text((Map<String, Object>) m, "sms.url", "url", true);
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw invalid("sms.url", "field 'sms.url': the provider's http(s) URL, with {phone} and {text} (or the template's fields) where they go");
            }
            sms = new Sms(url, text((Map<String, Object>) m, "sms.body", "body", false), text((Map<String, Object>) m, "sms.contentType", "contentType", false));
        }
        Webhook webhook = null;
        if (json.get("webhook") instanceof Map<?, ?> m) {
            String url = text((Map<String, Object>) m, "webhook.url", "url", true);
            try {
                URI u = URI.create(url);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                    throw new IllegalArgumentException("not http(s)");
                }
                webhook = new Webhook(u);
            } catch (IllegalArgumentException e) {
                throw invalid("webhook.url", "field 'webhook.url': the integration's http(s) URL; '" + url + "' is not one");
            }
        }
        Email email = null;
        if (json.get("email") instanceof Map<?, ?> m) {
            Map<String, Object> e = (Map<String, Object>) m;
            Object port = e.getOrDefault("port", 25);
            if (!(port instanceof Integer p) || p < 1 || p > 65535) {
                throw invalid("email.port", "field 'email.port': the SMTP server's port, 1 to 65535");
            }
            email = new Email(text(e, "email.host", "host", true), p, Boolean.TRUE.equals(e.get("startTls")), text(e, "email.from", "from", true));
        }
        if (sms == null && webhook == null && email == null) {
            throw invalid("sms", "a reminder policy needs a channel: sms, webhook or email");
        }
        Map<String, String> templates = new java.util.LinkedHashMap<>();
        if (json.get("templates") instanceof Map<?, ?> t) {
            for (Map.Entry<?, ?> e : t.entrySet()) {
                if (!List.of("zh", "en").contains(String.valueOf(e.getKey())) || !(e.getValue() instanceof String s) || s.isBlank() || s.length() > 500) {
                    throw invalid("templates." + e.getKey(), "field 'templates': {\"zh\": …, \"en\": …}, each 1 to 500 characters with {payer}, {room},"
                            + " {amount}, {periods}, {due}, {howToPay} where they go");
                }
                templates.put(String.valueOf(e.getKey()), s);
            }
        }
        return new ReminderPolicy(schedule, from, to, days, sms, webhook, email, templates);
    }

    private static LocalTime time(Map<String, Object> q, String field) {
        try {
            return LocalTime.parse(String.valueOf(q.get(field)));
        } catch (DateTimeParseException e) {
            throw invalid("quietHours." + field, "field 'quietHours." + field + "': a local time as HH:mm, e.g. \"21:00\"; found " + q.get(field));
        }
    }

    private static String text(Map<String, Object> m, String path, String field, boolean required) {
        Object v = m.get(field);
        if (v == null && !required) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > 2000) {
            throw invalid(path, "field '" + path + "' is required: text of 1 to 2000 characters");
        }
        return s;
    }

    private static BillingException invalid(String field, String message) {
        return new BillingException(BillingException.Kind.INVALID, field, message, null);
    }
}
