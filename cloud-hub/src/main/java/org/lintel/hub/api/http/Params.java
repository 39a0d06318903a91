package org.lintel.hub.api.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.lintel.yaml.Durations;

/** Query parameters with errors that name the parameter and say what would be right. */
public final class Params {

    private Params() {
    }

    public static String required(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            throw Problem.badRequest(name, "query parameter '" + name + "' is required");
        }
        return v;
    }

    public static Optional<String> optional(RoutingContext ctx, String name) {
        return Optional.ofNullable(ctx.request().getParam(name)).filter(s -> !s.isBlank());
    }

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /**
     * An instant: 2026-11-01T00:00:00Z, with an offset, or local date(-time) in the site's time zone; from 1970 to
     * 2200, since anything outside is a typing mistake and overflows the arithmetic done with it.
     */
    /** A period's ends: 'from' must come before 'to', or the request is refused naming 'from'. */
    public static void ordered(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw Problem.badRequest("from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    public static Instant instant(String name, String text, ZoneId zone) {
        Instant i = anyInstant(name, text, zone);
        if (i.isBefore(EARLIEST) || !i.isBefore(LATEST)) {
            throw Problem.badRequest(name, "parameter '" + name + "': " + shorten(text) + " is outside 1970-01-01 to 2200-01-01");
        }
        return i;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static Instant anyInstant(String name, String text, ZoneId zone) {
        if (text.length() > 64) {
            throw Problem.badRequest(name, "parameter '" + name + "' is too long for a time (" + text.length() + " characters)");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the other forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(name, "parameter '" + name + "': '" + shorten(text) + "' is not a time; write 2026-11-01T00:00:00Z,"
                    + " 2026-11-01T08:00:00+08:00, or 2026-11-01 / 2026-11-01T08:00 in the site's time zone (" + zone + ")");
        }
    }

    public static Duration duration(String name, String text) {
        Duration d = Durations.parse(text).orElseThrow(() -> Problem.badRequest(name, "parameter '" + name + "': '" + shorten(text) + "' is not "
                + Durations.FORMS));
        if (d.isZero() || d.isNegative()) {
            throw Problem.badRequest(name, "parameter '" + name + "' must be positive");
        }
        return d;
    }

    public static int integer(RoutingContext ctx, String name, int dflt, int max) {
        Optional<String> v = optional(ctx, name);
        if (v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 1 || n > max) {
                throw Problem.badRequest(name, "parameter '" + name + "' must be between 1 and " + max + ", found " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name, "parameter '" + name + "': '" + v.get() + "' is not a whole number");
        }
    }
}
