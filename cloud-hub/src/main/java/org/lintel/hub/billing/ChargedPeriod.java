package org.lintel.hub.billing;

import java.time.LocalDate;
import java.util.Optional;

/** When a fee item applies to an account: from a local date (inclusive) until one (exclusive); null when open. */
public record ChargedPeriod(LocalDate from, LocalDate to) {

    public static final ChargedPeriod ALWAYS = new ChargedPeriod(null, null);

    public ChargedPeriod {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("a fee item applies from a date before the date it stops; found " + from + " to " + to);
        }
    }

    /** The part of the bill period [a, b) in which the item applies, or empty when none. */
    public Optional<ChargedPeriod> within(LocalDate a, LocalDate b) {
        LocalDate start = from == null || from.isBefore(a) ? a : from;
        LocalDate end = to == null || to.isAfter(b) ? b : to;
        return start.isBefore(end) ? Optional.of(new ChargedPeriod(start, end)) : Optional.empty();
    }

    /** "parking|2026-11-10|" as the store keeps it. */
    String encode(String item) {
        return item + "|" + (from == null ? "" : from) + "|" + (to == null ? "" : to);
    }
}
