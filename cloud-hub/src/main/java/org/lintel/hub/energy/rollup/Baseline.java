package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A building's (or the site's) daily electricity baseline: the mean use of each day of the week over a training
 * period, without weather (a time-of-week model, the first part of LBNL's TOWT), with the fit statistics ASHRAE
 * Guideline 14 asks to be shown — CV(RMSE) and NMBE over the training days — and, for a reporting period, the
 * baseline's expectation, the actual use and the savings (expected − actual). A day without a rollup is left out
 * of both periods rather than counted as zero.
 */
public final class Baseline {

    /** Guideline 14's limits for a calibrated model: monthly data 15 % / ±5 %, hourly data 30 % / ±10 %. */
    public static final BigDecimal MONTHLY_CVRMSE = BigDecimal.valueOf(15);
    public static final BigDecimal MONTHLY_NMBE = BigDecimal.valueOf(5);
    public static final BigDecimal HOURLY_CVRMSE = BigDecimal.valueOf(30);
    public static final BigDecimal HOURLY_NMBE = BigDecimal.valueOf(10);

    /** One reporting day: what the model expected, what was used. */
    public record Day(LocalDate day, BigDecimal expected, BigDecimal actual) {
    }

    /**
     * @param parameters     the model's parameters (one mean per day of the week seen in training)
     * @param cvRmsePercent  CV(RMSE) over the training days, %, one decimal
     * @param nmbePercent    NMBE over the training days, %, one decimal (0 for this model: a mean has no bias on its own data)
     * @param withinHourlyLimits whether the statistics are within Guideline 14's limits for hourly data (the stricter
     *                       monthly limits are for monthly models; a daily model lies between)
     * @param savings        expected − actual over the reporting days, kWh; positive is a saving
     * @param savingsPercent savings ÷ expected × 100, one decimal
     */
    public record Fit(String key, String unit, LocalDate trainFrom, LocalDate trainTo, int trainingDays, int parameters,
                      Map<DayOfWeek, BigDecimal> meanByDay, BigDecimal cvRmsePercent, BigDecimal nmbePercent, boolean withinHourlyLimits,
                      LocalDate from, LocalDate to, int reportingDays, BigDecimal expected, BigDecimal actual, BigDecimal savings,
                      BigDecimal savingsPercent, List<Day> days) {
    }

    private static final MathContext MC = MathContext.DECIMAL64;

    private final EnergyUse use;

    public Baseline(EnergyUse use) {
        this.use = use;
    }

    /** Trained on [trainFrom, trainTo), reported over [from, to); all local midnights. */
    public Fit fit(String site, ZoneId zone, String building, Instant trainFrom, Instant trainTo, Instant from, Instant to) {
        return fit(building == null ? site : building, LocalDate.ofInstant(trainFrom, zone), LocalDate.ofInstant(trainTo, zone), LocalDate.ofInstant(from, zone),
                LocalDate.ofInstant(to, zone), daily(site, zone, building, trainFrom, trainTo), daily(site, zone, building, from, to));
    }

    /** The model from the training days' use, and the reporting days against it. */
    static Fit fit(String key, LocalDate trainFrom, LocalDate trainTo, LocalDate from, LocalDate to, Map<LocalDate, BigDecimal> training,
                   Map<LocalDate, BigDecimal> reporting) {
        Map<DayOfWeek, List<BigDecimal>> byDay = new EnumMap<>(DayOfWeek.class);
        training.forEach((d, v) -> byDay.computeIfAbsent(d.getDayOfWeek(), k -> new ArrayList<>()).add(v));
        Map<DayOfWeek, BigDecimal> mean = new EnumMap<>(DayOfWeek.class);
        byDay.forEach((d, vs) -> mean.put(d, vs.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(BigDecimal.valueOf(vs.size()), MC)));
        int n = training.size();
        int p = mean.size();
        BigDecimal cv = null;
        BigDecimal nmbe = null;
        if (n > p && n > 0) {
            BigDecimal total = training.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal avg = total.divide(BigDecimal.valueOf(n), MC);
            BigDecimal squares = BigDecimal.ZERO;
            BigDecimal bias = BigDecimal.ZERO;
            for (Map.Entry<LocalDate, BigDecimal> e : training.entrySet()) {
                BigDecimal err = e.getValue().subtract(mean.get(e.getKey().getDayOfWeek()));
                squares = squares.add(err.multiply(err));
                bias = bias.add(err);
            }
            BigDecimal dof = BigDecimal.valueOf(n - p);
            if (avg.signum() != 0) {
                cv = squares.divide(dof, MC).sqrt(MC).divide(avg, MC).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
                nmbe = bias.divide(dof.multiply(avg), MC).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
            }
        }
        List<Day> days = new ArrayList<>();
        BigDecimal expected = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, BigDecimal> e : reporting.entrySet()) {
            BigDecimal m = mean.get(e.getKey().getDayOfWeek());
            if (m == null) {
                continue; // a day of the week never seen in training: no expectation
            }
            BigDecimal x = m.setScale(3, RoundingMode.HALF_UP);
            days.add(new Day(e.getKey(), x, e.getValue()));
            expected = expected.add(x);
            actual = actual.add(e.getValue());
        }
        BigDecimal savings = expected.subtract(actual).setScale(3, RoundingMode.HALF_UP);
        BigDecimal percent = expected.signum() == 0 ? null : savings.multiply(BigDecimal.valueOf(100)).divide(expected, 1, RoundingMode.HALF_UP);
        Map<DayOfWeek, BigDecimal> shown = new EnumMap<>(DayOfWeek.class);
        mean.forEach((d, v) -> shown.put(d, v.setScale(3, RoundingMode.HALF_UP)));
        boolean within = cv != null && cv.compareTo(HOURLY_CVRMSE) <= 0 && nmbe.abs().compareTo(HOURLY_NMBE) <= 0;
        return new Fit(key, "kWh", trainFrom, trainTo, n, p, shown, cv, nmbe, within, from, to, days.size(), expected.setScale(3, RoundingMode.HALF_UP),
                actual.setScale(3, RoundingMode.HALF_UP), savings, percent, List.copyOf(days));
    }

    private Map<LocalDate, BigDecimal> daily(String site, ZoneId zone, String building, Instant from, Instant to) {
        EnergyUse.Answer a = use.use(site, zone, EnergyUse.Medium.ELECTRICITY, EnergyUse.By.SITE, EnergyUse.Interval.DAY, from, to, building);
        Map<LocalDate, BigDecimal> out = new LinkedHashMap<>();
        for (EnergyUse.Series s : a.series()) {
            for (EnergyUse.Bucket b : s.buckets()) {
                // a day some top meter did not report would understate the day: left out
                if (b.meters() == s.meters()) {
                    out.merge(LocalDate.parse(b.start()), b.usage(), BigDecimal::add);
                }
            }
        }
        return out;
    }
}
