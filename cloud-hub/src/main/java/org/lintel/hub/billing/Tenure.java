package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lintel.hub.usage.Consumption;

/**
 * When an occupant is billed for a unit: from the instant they moved in (null: since before billing began) until the
 * instant they moved out (null: still there). Metered fees count the meters' readings between exactly those
 * instants, so a leaving and an arriving occupant share the reading at the handover and nothing is billed twice or
 * lost between them; area and fixed fees go by days, the move-out day to the arriving occupant.
 */
public record Tenure(Instant from, Instant until) {

    public static final Tenure OPEN = new Tenure(null, null);

    public Tenure {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("an occupant moves out after moving in; found " + from + " to " + until);
        }
    }

    /** The days [from, to) on which a fee item is charged to this occupant, within those given. */
    public Optional<ChargedPeriod> days(boolean metered, ZoneId zone, LocalDate a, LocalDate b) {
        LocalDate first = from == null ? null : from.atZone(zone).toLocalDate();
        LocalDate end = null;
        if (until != null) {
            LocalDate day = until.atZone(zone).toLocalDate();
            // a metered fee's last day is the one the move-out falls in (its usage stops at the instant); a fee by days stops the day before
            end = metered && !until.equals(day.atStartOfDay(zone).toInstant()) ? day.plusDays(1) : day;
        }
        if (first != null && end != null && !first.isBefore(end)) {
            return Optional.empty(); // in and out within one day: no day of a fee by days is theirs
        }
        return new ChargedPeriod(first, end).within(a, b);
    }

    public boolean open() {
        return from == null && until == null;
    }

    /** The usage source seen by this occupant: every stretch cut to the tenure; a stretch wholly outside it used nothing. */
    public UsageSource clamp(UsageSource usage) {
        if (open()) {
            return usage;
        }
        return new UsageSource() {
            @Override
            public Consumption consumption(String site, String target, String point, Instant a, Instant b) {
                Instant x = cut(a);
                Instant y = cut(b);
                return x.isBefore(y) ? usage.consumption(site, target, point, x, y) : nothing(site, target, point, x);
            }

            @Override
            public List<Consumption> consumptions(String site, String target, String point, List<Instant> boundaries) {
                List<Instant> cut = boundaries.stream().map(Tenure.this::cut).toList();
                List<Instant> distinct = cut.stream().distinct().toList();
                List<Consumption> inside = distinct.size() < 2 ? List.of() : usage.consumptions(site, target, point, distinct);
                List<Consumption> out = new ArrayList<>();
                for (int i = 0, k = 0; i + 1 < cut.size(); i++) {
                    if (cut.get(i).equals(cut.get(i + 1))) {
                        out.add(nothing(site, target, point, cut.get(i)));
                    } else {
                        out.add(inside.get(k++));
                    }
                }
                return out;
            }

            @Override
            public UsageSource forRun() {
                return clamp(usage.forRun());
            }
        };
    }

    private Instant cut(Instant t) {
        if (from != null && t.isBefore(from)) {
            return from;
        }
        return until != null && t.isAfter(until) ? until : t;
    }

    private static Consumption nothing(String site, String target, String point, Instant at) {
        return new Consumption(site, target, point, null, at, at, BigDecimal.ZERO.setScale(3), false, List.of());
    }
}
