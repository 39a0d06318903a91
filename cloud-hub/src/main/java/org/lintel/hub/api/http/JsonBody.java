package org.lintel.hub.api.http;

import java.math.BigDecimal;
import java.util.Map;
import io.vertx.ext.web.RoutingContext;

/** A request's JSON object body and its fields, with errors that name the field and say what would be right. */
public final class JsonBody {

    private JsonBody() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> jsonBody(RoutingContext ctx) {
        try {
            Object o = ApiRouter.JSON.readValue(ctx.body().asString() == null ? "" : ctx.body().asString(), Object.class);
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (Exception e) {
            throw Problem.badRequest("body", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        throw Problem.badRequest("body", "the body must be a JSON object");
    }

    public static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw Problem.badRequest(field, "field '" + field + "' is required (a string)");
        }
        return s;
    }

    public static BigDecimal decimal(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, "field '" + field + "': '" + v + "' is not a decimal number such as 1234.56");
        }
    }

    /**
     * A meter register reading, or null when absent: what the registry's numeric(20,6) holds exactly, so that nothing
     * is stored other than what was sent (1e999999 was once stored as 0).
     */
    public static BigDecimal reading(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v != null && !(v instanceof String) && !(v instanceof Number)) {
            throw Problem.badRequest(field, "field '" + field + "' is a number such as \"1234.56\"");
        }
        BigDecimal d = decimal(body, field);
        if (d == null) {
            return null;
        }
        if (d.signum() < 0) {
            throw Problem.badRequest(field, "field '" + field + "': a register reading is not negative, found " + d.toPlainString());
        }
        if (d.abs().compareTo(new BigDecimal("1e14")) >= 0 || d.stripTrailingZeros().scale() > 6) {
            throw Problem.badRequest(field, "field '" + field + "': a reading has at most 14 digits before the point and 6 after;"
                    + " found " + (v.toString().length() > 40 ? v.toString().substring(0, 40) + "…" : v));
        }
        return d;
    }

    /** A text field that may be absent (null then), but is text when present. */
    public static String optionalText(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v != null && !(v instanceof String)) {
            throw Problem.badRequest(field, "field '" + field + "' must be a string");
        }
        return (String) v;
    }
}
