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

    /** A text field that may be absent (null then), but is text when present. */
    public static String optionalText(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v != null && !(v instanceof String)) {
            throw Problem.badRequest(field, "field '" + field + "' must be a string");
        }
        return (String) v;
    }
}
