package org.lintel.hub.api.energy;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.energy.rollup.Baseline;
import org.lintel.hub.energy.rollup.Carbon;
import org.lintel.hub.energy.rollup.EnergyUse;
import org.lintel.hub.energy.Losses;
import org.lintel.hub.energy.rollup.NightFlow;
import org.lintel.hub.energy.rollup.Outliers;
import org.lintel.hub.energy.rollup.Rollups;
import org.lintel.hub.usage.UsageRequestException;

/**
 * Energy analysis over the site's meter tree: losses (线损 / 漏损) below each upstream meter, use from the rollups by
 * meter, unit, floor, building, category or site, night flow of the water meters, and rebuilding the rollups.
 */
public final class EnergyRoutes implements RouteGroup {

    /** The longest period answered hour by hour: a quarter. */
    static final Duration LONGEST_HOURLY = Duration.ofDays(92);
    /** The longest period answered at all: ten years of days. */
    static final Duration LONGEST = Duration.ofDays(3700);

    private final SitePaths sites;
    private final Losses losses;
    private final EnergyUse use;
    private final NightFlow nights;
    private final Rollups rollups;
    private final Carbon carbon;
    private final Baseline baseline;
    private final Outliers outliers;
    private final Clock clock;

    public EnergyRoutes(SitePaths sites, Losses losses, EnergyUse use, NightFlow nights, Rollups rollups, Carbon carbon, Clock clock) {
        this.carbon = carbon;
        this.baseline = new Baseline(use);
        this.outliers = new Outliers(use);
        this.sites = sites;
        this.losses = losses;
        this.use = use;
        this.nights = nights;
        this.rollups = rollups;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/losses", Admits.USAGE_READERS, (ctx, caller) -> losses(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/use", Admits.USAGE_READERS, (ctx, caller) -> use(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/night-flow", Admits.USAGE_READERS, (ctx, caller) -> nightFlow(ctx));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/energy/rollups/rebuild", Admits.ENGINEERS, (ctx, caller) -> rebuild(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/carbon", Admits.USAGE_READERS, (ctx, caller) -> carbon(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/baseline", Admits.USAGE_READERS, (ctx, caller) -> baseline(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/outliers", Admits.USAGE_READERS, (ctx, caller) -> outliers(ctx));
    }

    private Object outliers(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        EnergyUse.Medium medium = choice(ctx, "medium", EnergyUse.Medium.class, EnergyUse.Medium.ELECTRICITY);
        Instant from = day(ctx, "from", zone, null);
        Instant to = day(ctx, "to", zone, null);
        Params.ordered(from, to);
        if (Duration.between(from, to).multipliedBy(Outliers.HISTORY_PERIODS + 1).compareTo(LONGEST) > 0) {
            throw Problem.badRequest("to", "parameter 'to': the period and its history (four times as long before it) at most " + LONGEST.toDays() + " days");
        }
        String building = building(ctx, site);
        return outliers.of(site, zone, medium, from, to, building, Params.integer(ctx, "limit", 50, 10_000));
    }

    /** The weeks a baseline is trained on when the request names none: the eight before the reporting period. */
    static final int TRAINING_WEEKS = 8;

    private Object baseline(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        Instant from = day(ctx, "from", zone, null);
        Instant to = day(ctx, "to", zone, null);
        Params.ordered(from, to);
        Instant trainTo = day(ctx, "trainTo", zone, from);
        Instant trainFrom = day(ctx, "trainFrom", zone, from.atZone(zone).minusWeeks(TRAINING_WEEKS).toInstant());
        if (!trainFrom.isBefore(trainTo) || trainTo.isAfter(from)) {
            throw Problem.badRequest("trainFrom", "parameters 'trainFrom' (" + trainFrom + ") and 'trainTo' (" + trainTo
                    + "): the training weeks must be a period that ends at 'from' or before it");
        }
        if (Duration.between(trainFrom, to).compareTo(LONGEST) > 0) {
            throw Problem.badRequest("trainFrom", "parameter 'trainFrom': training and reporting together at most " + LONGEST.toDays() + " days");
        }
        String building = building(ctx, site);
        return baseline.fit(site, zone, building, trainFrom, trainTo, from, to);
    }

    /** The optional 'building' parameter: a building of the site, or null for the whole site. */
    private String building(RoutingContext ctx, String site) {
        String building = Params.optional(ctx, "building").orElse(null);
        if (building != null && !use.hasBuilding(site, building)) {
            throw Problem.badRequest("building", "parameter 'building': '" + building + "' is not a building of " + site);
        }
        return building;
    }

    /** A local day of the site given as a parameter (required when there is no default). */
    private static Instant day(RoutingContext ctx, String name, ZoneId zone, Instant dflt) {
        java.util.Optional<String> text = Params.optional(ctx, name);
        if (text.isEmpty() && dflt != null) {
            return dflt;
        }
        Instant at = Params.instant(name, text.isPresent() ? text.get() : Params.required(ctx, name), zone);
        midnight(name, at, zone);
        return at;
    }

    private Object carbon(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        Instant from = day(ctx, "from", zone, null);
        Instant to = day(ctx, "to", zone, null);
        Params.ordered(from, to);
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw Problem.badRequest("to", "parameter 'to': at most " + LONGEST.toDays() + " days in one request");
        }
        String building = building(ctx, site);
        return carbon.of(site, zone, from, to, building);
    }

    private Object use(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        EnergyUse.Medium medium = choice(ctx, "medium", EnergyUse.Medium.class, EnergyUse.Medium.ELECTRICITY);
        EnergyUse.By by = choice(ctx, "by", EnergyUse.By.class, EnergyUse.By.BUILDING);
        EnergyUse.Interval interval = choice(ctx, "interval", EnergyUse.Interval.class, EnergyUse.Interval.DAY);
        Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
        Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
        Params.ordered(from, to);
        Duration span = Duration.between(from, to);
        if (interval == EnergyUse.Interval.HOUR) {
            if (span.compareTo(LONGEST_HOURLY) > 0) {
                throw Problem.badRequest("to", "parameter 'to': at most " + LONGEST_HOURLY.toDays() + " days hour by hour; ask for interval=day for longer");
            }
            from = hourOf(from, zone);
            to = hourOf(to.minusNanos(1), zone).plus(Duration.ofHours(1));
        } else {
            if (span.compareTo(LONGEST) > 0) {
                throw Problem.badRequest("to", "parameter 'to': at most " + LONGEST.toDays() + " days in one request");
            }
            midnight("from", from, zone);
            midnight("to", to, zone);
        }
        String building = building(ctx, site);
        EnergyUse.Answer answer = use.use(site, zone, medium, by, interval, from, to, building);
        String file = "energy-" + answer.medium() + "-" + site + "-by-" + answer.by() + "-" + Params.required(ctx, "from") + "-" + Params.required(ctx, "to");
        return as(ctx, answer, file, () -> EnergyUseTable.of(answer));
    }

    /** The answer as JSON, or as the table a spreadsheet user downloads ({@code format=csv|xlsx}). */
    private static Object as(RoutingContext ctx, Object json, String file, java.util.function.Supplier<org.lintel.hub.billing.export.Table> table) {
        String format = Params.optional(ctx, "format").orElse("json");
        return switch (format) {
            case "json" -> json;
            case "xlsx" -> new org.lintel.hub.api.http.ApiRouter.Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    safe(file) + ".xlsx", org.lintel.hub.billing.export.XlsxTable.write(table.get()));
            case "csv" -> new org.lintel.hub.api.http.ApiRouter.Download("text/csv; charset=utf-8", safe(file) + ".csv",
                    org.lintel.hub.billing.export.CsvTable.write(table.get()));
            default -> throw Problem.badRequest("format", "parameter 'format': json, csv or xlsx, not '" + (format.length() > 20 ? format.substring(0, 20) + "…"
                    : format) + "'");
        };
    }

    /** A file name from dates and ids: anything but letters, digits, dots and dashes becomes a dash. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    private Object nightFlow(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        LocalDate night = Params.optional(ctx, "night").map(n -> {
            try {
                return LocalDate.parse(n);
            } catch (java.time.format.DateTimeParseException e) {
                throw Problem.badRequest("night", "parameter 'night': '" + n + "' is not a date like 2026-12-05 (the night that ends that morning)");
            }
        }).orElseGet(() -> {
            // the last night whose window has ended: today's after 05:00, else yesterday's
            java.time.ZonedDateTime now = clock.instant().atZone(zone);
            return now.toLocalTime().isBefore(NightFlow.NIGHT_ENDS) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
        });
        String building = building(ctx, site);
        NightFlow.Night answer = nights.of(site, zone, night, building, Params.integer(ctx, "limit", 50, 10_000));
        return as(ctx, answer, "night-flow-" + site + "-" + night, () -> EnergyTables.nightFlow(answer));
    }

    private Object rebuild(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        Instant from = Params.instant("from", org.lintel.hub.api.http.JsonBody.text(org.lintel.hub.api.http.JsonBody.jsonBody(ctx), "from"), zone);
        Params.ordered(from, clock.instant());
        try {
            return rollups.rebuild(site, from).get(10, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the rollups of " + site, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("rebuilding the rollups of " + site + " failed: " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E choice(RoutingContext ctx, String name, Class<E> type, E dflt) {
        String text = Params.optional(ctx, name).orElse(null);
        if (text == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(name, "parameter '" + name + "': '" + text + "' is not one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    private static Instant hourOf(Instant at, ZoneId zone) {
        return at.atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toInstant();
    }

    private static void midnight(String name, Instant at, ZoneId zone) {
        if (!at.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            throw Problem.badRequest(name, "parameter '" + name + "': " + at + " is not a local midnight of the site; give a date (2026-11-01) for days,"
                    + " months or a whole period, or ask for interval=hour");
        }
    }

    private Object losses(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
        Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
        Params.ordered(from, to);
        try {
            List<Losses.Loss> all = losses.between(site, from, to);
            return as(ctx, Map.of("site", site, "from", from.toString(), "to", to.toString(), "losses", all),
                    "losses-" + site + "-" + Params.required(ctx, "from") + "-" + Params.required(ctx, "to"),
                    () -> EnergyTables.losses(all, Params.required(ctx, "from"), Params.required(ctx, "to")));
        } catch (UsageRequestException e) {
            throw Problem.badRequest(e.field(), e.getMessage());
        }
    }
}
