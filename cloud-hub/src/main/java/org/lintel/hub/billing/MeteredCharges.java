package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.usage.Consumption;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.FeeKind;
import org.lintel.tariff.Surcharge;
import org.lintel.tariff.TariffVersion;
import org.lintel.tariff.TierSpec;

/**
 * Prices a metered fee item for one unit over a bill period of local dates [from, to): split where a new price
 * version takes effect; each stretch's usage and the accumulation period's running total before it come from the
 * meters' readings through the usage domain, so a re-run after late readings or a correction prices the same way.
 */
public final class MeteredCharges {

    private final UsageSource usage;

    public MeteredCharges(UsageSource usage) {
        this.usage = usage;
    }

    /** The lines of {@code item} for {@code unit}; {@code persons} is the household size (for household tier bounds). */
    public List<MeteredLine> charge(String site, ZoneId zone, FeeItem item, String unit, int persons, LocalDate from, LocalDate to) {
        return charge(site, zone, item, unit, persons, false, from, to);
    }

    /** As above; {@code timeOfUse}: the household opted in to the item's time-of-use prices (where a version has them). */
    public List<MeteredLine> charge(String site, ZoneId zone, FeeItem item, String unit, int persons, boolean timeOfUse, LocalDate from, LocalDate to) {
        if (item.kind() != FeeKind.METERED) {
            throw new IllegalArgumentException("fee item " + item.id() + " is " + item.kind() + ", not metered");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a bill period ends after it starts: " + from + " to " + to);
        }
        List<MeteredLine> lines = new ArrayList<>();
        List<TariffVersion> versions = item.versions();
        if (versions.isEmpty() || from.isBefore(versions.get(0).from())) {
            // part of the period would go unpriced without anyone noticing
            throw new IllegalArgumentException("fee item " + item.id() + " has no price before " + (versions.isEmpty() ? "any date"
                    : versions.get(0).from()) + "; the period starts " + from);
        }
        for (int i = 0; i < versions.size(); i++) {
            LocalDate vFrom = versions.get(i).from();
            LocalDate vTo = i + 1 < versions.size() ? versions.get(i + 1).from() : LocalDate.MAX;
            LocalDate a = from.isAfter(vFrom) ? from : vFrom;
            LocalDate b = to.isBefore(vTo) ? to : vTo;
            // a stretch also ends where the tier position restarts (a new month or year) or a season's bounds begin
            LocalDate start = a;
            for (LocalDate cut : cuts(versions.get(i).tiers(), a, b)) {
                lines.add(line(site, zone, item, versions.get(i), unit, persons, timeOfUse, start, cut));
                start = cut;
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("fee item " + item.id() + " has no price before " + to + "; its first version is from "
                    + versions.get(0).from());
        }
        return lines;
    }

    private MeteredLine line(String site, ZoneId zone, FeeItem item, TariffVersion v, String unit, int persons, boolean timeOfUse, LocalDate from,
                             LocalDate to) {
        Consumption c = usage.consumption(site, unit, item.point(), from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
        BigDecimal used = c.usage();
        List<TierPart> parts;
        BigDecimal before = BigDecimal.ZERO;
        if (v.tiers() != null) {
            LocalDate periodStart = accumulationStart(v.tiers().period(), from);
            if (periodStart.isBefore(from)) {
                before = usage.consumption(site, unit, item.point(), periodStart.atStartOfDay(zone).toInstant(), from.atStartOfDay(zone).toInstant()).usage();
            }
            TierSchedule schedule = schedule(v.tiers(), from, persons);
            parts = used.signum() == 0 ? List.of(schedule.nothingUsed(before)) : schedule.charge(before, used);
        } else {
            parts = List.of(new TierPart(1, used, v.price(), Money.amount(used, v.price())));
        }
        List<MeteredLine.SurchargePart> surcharges = new ArrayList<>();
        for (Surcharge s : v.surcharges()) {
            String name = s.name().zh() != null ? s.name().zh() : s.name().en();
            surcharges.add(new MeteredLine.SurchargePart(name, used, s.price(), Money.amount(used, s.price())));
        }
        BigDecimal surcharged = surcharges.stream().map(MeteredLine.SurchargePart::amount).reduce(Money.zero(), BigDecimal::add);
        if (timeOfUse && v.timeOfUse() != null && v.tiers() != null) {
            Bands bands = bandUsage(site, zone, item, unit, new TouSchedule(v.timeOfUse().windows()), from, to);
            TouCharge tou = timeOfUseTariff(v, from, persons).charge(before, bands.usage());
            return new MeteredLine(item.id(), from, to, c, before, List.of(), surcharges, tou.total().add(surcharged), tou, bands.estimated());
        }
        return new MeteredLine(item.id(), from, to, c, before, parts, surcharges, TierSchedule.total(parts).add(surcharged));
    }

    private record Bands(java.util.Map<String, BigDecimal> usage, boolean estimated) {
    }

    /**
     * Usage per band over [from, to): the counter at every band boundary of every local day, through the usage domain
     * (measured, interpolated or carried at each, and said so), summed by band in the tariff's band order.
     */
    private Bands bandUsage(String site, ZoneId zone, FeeItem item, String unit, TouSchedule schedule, LocalDate from, LocalDate to) {
        java.util.Map<String, BigDecimal> byBand = new java.util.LinkedHashMap<>();
        schedule.bands().forEach(w -> byBand.putIfAbsent(w.band(), BigDecimal.ZERO));
        boolean estimated = false;
        List<TouSchedule.Interval> intervals = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            intervals.addAll(schedule.intervals(day, zone));
        }
        if (intervals.isEmpty()) {
            return new Bands(byBand, false);
        }
        List<java.time.Instant> boundaries = new ArrayList<>();
        intervals.forEach(i -> boundaries.add(i.from())); // the days' intervals follow each other without a gap
        boundaries.add(intervals.get(intervals.size() - 1).to());
        List<Consumption> used = usage.consumptions(site, unit, item.point(), boundaries);
        for (int k = 0; k < intervals.size(); k++) {
            byBand.merge(intervals.get(k).band(), used.get(k).usage(), BigDecimal::add);
            estimated |= used.get(k).estimated();
        }
        return new Bands(byBand, estimated);
    }

    /** Band prices and the tier adders on the tiers in force (a season's or a household's bounds). */
    static TimeOfUseTariff timeOfUseTariff(TariffVersion v, LocalDate day, int persons) {
        TierSchedule tiers = schedule(v.tiers(), day, persons);
        List<Tier> adders = new ArrayList<>();
        for (int i = 0; i < tiers.tiers().size(); i++) {
            adders.add(new Tier(tiers.tiers().get(i).upTo(), v.timeOfUse().tierAdders().isEmpty() ? BigDecimal.ZERO : v.timeOfUse().tierAdders().get(i)));
        }
        return new TimeOfUseTariff(v.timeOfUse().prices(), new TierSchedule(adders));
    }

    /** The ends of the stretches of [a, b): b, and before it each day the tiers restart or change season. */
    static List<LocalDate> cuts(TierSpec tiers, LocalDate a, LocalDate b) {
        List<LocalDate> out = new ArrayList<>();
        if (!a.isBefore(b)) {
            return out;
        }
        if (tiers != null) {
            boolean monthly = tiers.period() == TierSpec.Period.MONTH || !tiers.seasons().isEmpty();
            for (LocalDate d = a.withDayOfMonth(1).plusMonths(1); d.isBefore(b); d = d.plusMonths(1)) {
                if (monthly || (tiers.period() == TierSpec.Period.YEAR && d.getDayOfYear() == 1)) {
                    out.add(d);
                }
            }
        }
        out.add(b);
        return out;
    }

    /** Where the tier position starts counting for a stretch starting on {@code day}. */
    static LocalDate accumulationStart(TierSpec.Period period, LocalDate day) {
        return switch (period) {
            case YEAR -> day.withDayOfYear(1);
            case MONTH -> day.withDayOfMonth(1);
            case BILL -> day;
        };
    }

    /** The tiers in force on {@code day}: a season's bounds in its months, raised for a larger household. */
    static TierSchedule schedule(TierSpec spec, LocalDate day, int persons) {
        List<BigDecimal> bounds = spec.seasons().stream().filter(s -> s.months().contains(day.getMonthValue())).findFirst()
                .map(TierSpec.Season::bounds).orElse(spec.bounds());
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < spec.prices().size(); i++) {
            tiers.add(new Tier(i < bounds.size() ? bounds.get(i) : null, spec.prices().get(i)));
        }
        TierSchedule s = new TierSchedule(tiers);
        return spec.basePersons() == null ? s : s.forHousehold(persons, spec.basePersons(), spec.perPerson());
    }
}
