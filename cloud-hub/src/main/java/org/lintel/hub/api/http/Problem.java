package org.lintel.hub.api.http;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, thrown by a handler and written as {@code application/problem+json}. {@code errors}
 * carries field-level detail (the request field, or file, line and column of an uploaded site file).
 */
public final class Problem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Map<String, Object>> errors;

    public Problem(int status, String title, String detail, List<Map<String, Object>> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem badRequest(String field, String detail) {
        return new Problem(400, "Bad request parameter", detail, List.of(Map.of("field", field, "message", detail)));
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail, null);
    }

    /** 421: {@code site} is taken by another hub instance (scale-out by Sparkplug group), which must answer for it. */
    public static Problem misdirected(String site, org.lintel.hub.core.SiteScope scope) {
        return new Problem(421, "Misdirected request", "site '" + site + "' is served by another hub instance (this one takes "
                + String.join(", ", new java.util.TreeSet<>(scope.sites())) + "): send its requests to the instance whose --groups lists it", null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Map<String, Object>> errors() {
        return errors;
    }
}
