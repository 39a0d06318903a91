package org.lintel.hub.api.telemetry;

import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.auth.Role;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.time.Clock;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.registry.Listings;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;
import org.lintel.hub.telemetry.status.StatusBoard;

/** Latest values, history (raw or downsampled), and device and gateway status. */
public final class ReadingRoutes implements RouteGroup {

    private static final int MAX_POINTS = 100_000;
    private static final int MAX_BUCKETS = 10_000;

    private final SitePaths sites;
    private final Listings listings;
    private final StatusBoard status;
    private final TimeSeriesStore store;
    private final AlarmStore alarms;
    private final Function<String, Optional<org.lintel.profile.DeviceProfile>> profiles;
    private final Clock clock;

    public ReadingRoutes(SitePaths sites, Listings listings, StatusBoard status, TimeSeriesStore store, AlarmStore alarms, Function<String, Optional<org.lintel.profile.DeviceProfile>> profiles,
                         Clock clock) {
        this.sites = sites;
        this.listings = listings;
        this.status = status;
        this.store = store;
        this.alarms = alarms;
        this.profiles = profiles;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        Set<Role> readers = Admits.EVERYONE;
        api.route(HttpMethod.GET, "/api/v1/sites/:site/gateways", readers, (ctx, caller) -> gateways(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices", readers, (ctx, caller) -> devices(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/buildings", readers, (ctx, caller) -> buildings(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/latest", readers, (ctx, caller) -> latest(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device", readers, (ctx, caller) -> device(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device/latest", readers,
                (ctx, caller) -> store.latest(sites.site(ctx), device(ctx, sites.site(ctx)).id()));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device/points/:point/history", readers, (ctx, caller) -> history(ctx));
    }

    private SiteDirectory.DeviceEntry device(RoutingContext ctx, String site) {
        String id = ctx.pathParam("device");
        return sites.directory().device(site, id).orElseThrow(() -> Problem.notFound("device '" + id + "' is not in site " + site));
    }

    private Object gateways(RoutingContext ctx) {
        String site = sites.site(ctx);
        return listings.gateways(site).stream().map(g -> withStatus(g, status.gatewayStatus(site, g.id()))).toList();
    }

    private Object devices(RoutingContext ctx) {
        String site = sites.site(ctx);
        Optional<String> gateway = Params.optional(ctx, "gateway");
        Optional<String> state = Params.optional(ctx, "status");
        if (state.isPresent() && !java.util.Set.of("online", "offline", "stale", "unknown").contains(state.get().toLowerCase(java.util.Locale.ROOT))) {
            throw Problem.badRequest("status", "parameter 'status' is one of online, offline, stale, unknown; found '"
                    + (state.get().length() > 40 ? state.get().substring(0, 40) + "…" : state.get()) + "'");
        }
        return listings.devices(site).stream()
                .filter(d -> gateway.isEmpty() || gateway.get().equals(d.gatewayId()))
                .map(d -> withStatus(d, status.deviceStatus(site, d.gatewayId(), d.id())))
                .filter(row -> state.isEmpty() || state.get().equalsIgnoreCase((String) row.get("status")))
                .toList();
    }

    /** The site's buildings with what a manager looks at first: devices online, offline, and open alarms. */
    private Object buildings(RoutingContext ctx) {
        String site = sites.site(ctx);
        SiteDirectory.SiteEntry entry = sites.directory().site(site).orElseThrow();
        Map<String, Long> openAlarms = new java.util.HashMap<>();
        alarms.list(site, true, 10_000).forEach(a -> {
            String b = sites.directory().buildingOf(site, a.device());
            openAlarms.merge(b == null ? "" : b, 1L, Long::sum);
        });
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Listings.BuildingListing building : listings.buildings(site)) {
            String b = building.id();
            Map<String, Long> states = new java.util.TreeMap<>();
            entry.devices().values().stream().filter(d -> b.equals(sites.directory().buildingOf(site, d.id()))).forEach(d ->
                    states.merge(status.deviceStatus(site, d.gateway(), d.id()).state().name().toLowerCase(), 1L, Long::sum));
            Map<String, Object> m = fields(building);
            m.put("devices", states.values().stream().mapToLong(Long::longValue).sum());
            m.put("byStatus", states);
            m.put("openAlarms", openAlarms.getOrDefault(b, 0L));
            out.add(m);
        }
        return out;
    }

    /**
     * Every device of a site (or of one building) with its status and latest values, each point with its label and
     * canonical unit from the profile: one request for a console page instead of one per device.
     */
    private Object latest(RoutingContext ctx) {
        String site = sites.site(ctx);
        Optional<String> building = Params.optional(ctx, "building");
        Optional<String> only = Params.optional(ctx, "device");
        SiteDirectory dir = sites.directory();
        if (only.isPresent() && dir.device(site, only.get()).isEmpty()) {
            throw Problem.notFound("no device '" + only.get() + "' in site " + site);
        }
        if (building.isPresent() && listings.buildings(site).stream().noneMatch(b -> b.id().equals(building.get()))) {
            throw Problem.notFound("no building '" + building.get() + "' in site " + site + "; buildings: "
                    + listings.buildings(site).stream().map(Listings.BuildingListing::id).toList());
        }
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        List<SiteDirectory.DeviceEntry> devices = dir.site(site).orElseThrow().devices().values().stream()
                .filter(d -> building.isEmpty() || building.get().equals(dir.buildingOf(site, d.id())))
                .filter(d -> only.isEmpty() || only.get().equals(d.id()))
                .sorted(java.util.Comparator.comparing(SiteDirectory.DeviceEntry::id)).toList();
        Map<String, List<org.lintel.hub.telemetry.timeseries.StoredPoint>> values = store.latest(site, devices.stream().map(SiteDirectory.DeviceEntry::id)
                .toList());
        devices.forEach(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("site", site);
                    m.put("device", d.id());
                    m.put("profile", d.profile());
                    m.put("building", dir.buildingOf(site, d.id()));
                    StatusBoard.Status s = status.deviceStatus(site, d.gateway(), d.id());
                    m.put("status", s.state().name().toLowerCase());
                    if (s.lastSeen() != null) {
                        m.put("lastSeen", s.lastSeen().toString());
                    }
                    m.put("points", points(site, d.id(), profiles.apply(d.profile()), values.getOrDefault(d.id(), List.of())));
                    out.add(m);
                });
        return out;
    }

    private Object device(RoutingContext ctx) {
        String site = sites.site(ctx);
        SiteDirectory.DeviceEntry d = device(ctx, site);
        Map<String, Object> row = withStatus(listings.device(site, d.id()).orElseThrow(), status.deviceStatus(site, d.gateway(), d.id()));
        row.put("latest", store.latest(site, d.id()).stream().map(p -> {
            Map<String, Object> m = fields(p);
            lastGood(site, d.id(), p).ifPresent(g -> m.put("lastGood", g));
            return m;
        }).toList());
        return row;
    }

    /**
     * A device's latest values for a page, every point (none left out): life-safety states and flags first, then
     * counters, then gauges, each group in profile order; each with its label, canonical unit, kind, quality and time,
     * and where the latest reading has no value (the device stopped answering) the last good value and when it was read.
     */
    private List<Map<String, Object>> points(String site, String device, Optional<org.lintel.profile.DeviceProfile> profile,
                                             List<org.lintel.hub.telemetry.timeseries.StoredPoint> latest) {
        List<org.lintel.profile.Point> defs = profile.map(org.lintel.profile.DeviceProfile::points).orElse(List.of());
        java.util.Comparator<org.lintel.hub.telemetry.timeseries.StoredPoint> order = java.util.Comparator
                .comparingInt((org.lintel.hub.telemetry.timeseries.StoredPoint p) -> kindRank(definition(defs, p.point())))
                .thenComparingInt(p -> definition(defs, p.point()).map(defs::indexOf).orElse(Integer.MAX_VALUE))
                .thenComparing(org.lintel.hub.telemetry.timeseries.StoredPoint::point);
        List<Map<String, Object>> points = new java.util.ArrayList<>();
        for (org.lintel.hub.telemetry.timeseries.StoredPoint p : latest.stream().sorted(order).toList()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("point", p.point());
            definition(defs, p.point()).ifPresent(x -> {
                if (x.label() != null) {
                    pm.put("label", Map.of("en", String.valueOf(x.label().en()), "zh", String.valueOf(x.label().zh())));
                }
                x.canonicalUnit().ifPresent(u -> pm.put("unit", u.symbol()));
                pm.put("kind", x.kind().name().toLowerCase());
            });
            pm.put("value", p.text() != null ? p.text() : p.number());
            pm.put("time", p.time().toString());
            pm.put("quality", p.quality());
            lastGood(site, device, p).ifPresent(g -> pm.put("lastGood", g));
            points.add(pm);
        }
        return points;
    }

    private static Optional<org.lintel.profile.Point> definition(List<org.lintel.profile.Point> defs, String name) {
        return defs.stream().filter(x -> x.name().equals(name)).findFirst();
    }

    private static int kindRank(Optional<org.lintel.profile.Point> def) {
        return def.map(x -> switch (x.kind()) {
            case STATE, FLAG -> 0;
            case COUNTER -> 1;
            case GAUGE -> 2;
        }).orElse(3);
    }

    /** For a latest reading without a value: the last good one, so that a device that went quiet still shows it. */
    private Optional<Map<String, Object>> lastGood(String site, String device, org.lintel.hub.telemetry.timeseries.StoredPoint p) {
        if (p.isGood() || p.number() != null || p.text() != null) {
            return Optional.empty();
        }
        return store.lastGoodAtOrBefore(site, device, p.point(), p.time()).map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", g.text() != null ? g.text() : g.number());
            m.put("time", g.time().toString());
            return m;
        });
    }

    /** A listing's fields as JSON would write them, with the status added beside them. */
    private static Map<String, Object> withStatus(Record listing, StatusBoard.Status s) {
        Map<String, Object> out = fields(listing);
        out.put("status", s.state().name().toLowerCase());
        if (s.since() != null) {
            out.put("since", s.since().toString());
        }
        if (s.lastSeen() != null) {
            out.put("lastSeen", s.lastSeen().toString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Record listing) {
        return new LinkedHashMap<>(ApiRouter.JSON.convertValue(listing, Map.class));
    }

    private Object history(RoutingContext ctx) {
        String site = sites.site(ctx);
        SiteDirectory.DeviceEntry d = device(ctx, site);
        String point = ctx.pathParam("point");
        Optional<org.lintel.profile.DeviceProfile> profile = profiles.apply(d.profile());
        if (profile.isPresent() && profile.get().points().stream().noneMatch(p -> p.name().equals(point))) {
            throw Problem.notFound("device " + d.id() + " (" + d.profile() + ") has no point '" + point + "'; its points: "
                    + profile.get().points().stream().map(org.lintel.profile.Point::name).limit(30).toList());
        }
        ZoneId zone = sites.zone(site);
        Instant to = Params.optional(ctx, "to").map(t -> Params.instant("to", t, zone)).orElse(clock.instant());
        Instant from = Params.optional(ctx, "from").map(t -> Params.instant("from", t, zone)).orElse(to.minus(Duration.ofDays(1)));
        Params.ordered(from, to);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("site", site);
        body.put("device", d.id());
        body.put("point", point);
        body.put("from", from.toString());
        body.put("to", to.toString());
        Optional<String> bucket = Params.optional(ctx, "bucket");
        if (bucket.isPresent()) {
            Duration width = Params.duration("bucket", bucket.get());
            if (Duration.between(from, to).dividedBy(width) > MAX_BUCKETS) {
                throw Problem.badRequest("bucket", "parameter 'bucket': " + bucket.get() + " gives more than " + MAX_BUCKETS
                        + " buckets between 'from' and 'to'; choose a wider bucket");
            }
            body.put("bucket", bucket.get());
            body.put("buckets", store.downsample(site, d.id(), point, from, to, width, zone.getRules().getOffset(from)));
        } else {
            int limit = Params.integer(ctx, "limit", 10_000, MAX_POINTS);
            body.put("points", store.history(site, d.id(), point, from, to, limit));
        }
        return body;
    }
}
