package org.lintel.hub.api;

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
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.status.StatusBoard;

/** Latest values, history (raw or downsampled), and device and gateway status. */
final class ReadingRoutes {

    private static final int MAX_POINTS = 100_000;
    private static final int MAX_BUCKETS = 10_000;

    private final ApiContext c;

    ReadingRoutes(ApiContext context) {
        this.c = context;
    }

    void register(ApiServer api) {
        Set<Role> readers = Set.of(Role.ENGINEER, Role.OPERATOR, Role.BILLING, Role.READ_ONLY);
        api.route(HttpMethod.GET, "/api/v1/sites/:site/gateways", readers, (ctx, role) -> gateways(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices", readers, (ctx, role) -> devices(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/buildings", readers, (ctx, role) -> buildings(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/latest", readers, (ctx, role) -> latest(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device", readers, (ctx, role) -> device(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device/latest", readers,
                (ctx, role) -> c.store().latest(c.site(ctx), device(ctx, c.site(ctx)).id()));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/devices/:device/points/:point/history", readers, (ctx, role) -> history(ctx));
    }

    private SiteDirectory.DeviceEntry device(RoutingContext ctx, String site) {
        String id = ctx.pathParam("device");
        return c.directory().get().device(site, id).orElseThrow(() -> Problem.notFound("device '" + id + "' is not in site " + site));
    }

    private Object gateways(RoutingContext ctx) {
        String site = c.site(ctx);
        return c.registry().rows("select id, building_id, mqtt_username from gateway where site_id = ? order by id", site).stream()
                .map(row -> withStatus(row, c.status().gatewayStatus(site, (String) row.get("id")))).toList();
    }

    private Object devices(RoutingContext ctx) {
        String site = c.site(ctx);
        Optional<String> gateway = Params.optional(ctx, "gateway");
        Optional<String> state = Params.optional(ctx, "status");
        return c.registry().rows("select id, profile, gateway_id, building_id, floor, serves_unit, serves_common_area, serves_building, name_en,"
                        + " name_zh from device where site_id = ? and removed_at is null order by id", site).stream()
                .filter(row -> gateway.isEmpty() || gateway.get().equals(row.get("gatewayId")))
                .map(row -> withStatus(row, c.status().deviceStatus(site, (String) row.get("gatewayId"), (String) row.get("id"))))
                .filter(row -> state.isEmpty() || state.get().equalsIgnoreCase((String) row.get("status")))
                .toList();
    }

    /** The site's buildings with what a manager looks at first: devices online, offline, and open alarms. */
    private Object buildings(RoutingContext ctx) {
        String site = c.site(ctx);
        SiteDirectory.SiteEntry entry = c.directory().get().site(site).orElseThrow();
        Map<String, Long> alarms = new java.util.HashMap<>();
        c.alarmStore().list(site, true, 10_000).forEach(a -> {
            String b = c.directory().get().buildingOf(site, a.device());
            alarms.merge(b == null ? "" : b, 1L, Long::sum);
        });
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (Map<String, Object> row : c.registry().rows("select id, name_en, name_zh from building where site_id = ? order by id", site)) {
            String b = (String) row.get("id");
            Map<String, Long> states = new java.util.TreeMap<>();
            entry.devices().values().stream().filter(d -> b.equals(c.directory().get().buildingOf(site, d.id()))).forEach(d ->
                    states.merge(c.status().deviceStatus(site, d.gateway(), d.id()).state().name().toLowerCase(), 1L, Long::sum));
            Map<String, Object> m = new LinkedHashMap<>(row);
            m.put("devices", states.values().stream().mapToLong(Long::longValue).sum());
            m.put("byStatus", states);
            m.put("openAlarms", alarms.getOrDefault(b, 0L));
            out.add(m);
        }
        return out;
    }

    /**
     * Every device of a site (or of one building) with its status and latest values, each point with its label and
     * canonical unit from the profile: one request for a console page instead of one per device.
     */
    private Object latest(RoutingContext ctx) {
        String site = c.site(ctx);
        Optional<String> building = Params.optional(ctx, "building");
        SiteDirectory dir = c.directory().get();
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        List<SiteDirectory.DeviceEntry> devices = dir.site(site).orElseThrow().devices().values().stream()
                .filter(d -> building.isEmpty() || building.get().equals(dir.buildingOf(site, d.id())))
                .sorted(java.util.Comparator.comparing(SiteDirectory.DeviceEntry::id)).toList();
        Map<String, List<org.lintel.hub.timeseries.StoredPoint>> values = c.store().latest(site, devices.stream().map(SiteDirectory.DeviceEntry::id)
                .toList());
        devices.forEach(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("device", d.id());
                    m.put("profile", d.profile());
                    m.put("building", dir.buildingOf(site, d.id()));
                    StatusBoard.Status s = c.status().deviceStatus(site, d.gateway(), d.id());
                    m.put("status", s.state().name().toLowerCase());
                    if (s.lastSeen() != null) {
                        m.put("lastSeen", s.lastSeen().toString());
                    }
                    Optional<org.lintel.profile.DeviceProfile> profile = c.profiles().find(d.profile());
                    List<Map<String, Object>> points = new java.util.ArrayList<>();
                    for (org.lintel.hub.timeseries.StoredPoint p : values.getOrDefault(d.id(), List.of())) {
                        Map<String, Object> pm = new LinkedHashMap<>();
                        pm.put("point", p.point());
                        Optional<org.lintel.profile.Point> def = profile.flatMap(pr -> pr.points().stream().filter(x -> x.name().equals(p.point())).findFirst());
                        def.ifPresent(x -> {
                            if (x.label() != null) {
                                pm.put("label", Map.of("en", String.valueOf(x.label().en()), "zh", String.valueOf(x.label().zh())));
                            }
                            x.canonicalUnit().ifPresent(u -> pm.put("unit", u.symbol()));
                        });
                        pm.put("value", p.text() != null ? p.text() : p.number());
                        pm.put("time", p.time().toString());
                        pm.put("quality", p.quality());
                        points.add(pm);
                    }
                    m.put("points", points);
                    out.add(m);
                });
        return out;
    }

    private Object device(RoutingContext ctx) {
        String site = c.site(ctx);
        SiteDirectory.DeviceEntry d = device(ctx, site);
        List<Map<String, Object>> rows = c.registry().rows("select id, profile, gateway_id, building_id, floor, serves_unit, serves_common_area,"
                + " serves_building, name_en, name_zh from device where site_id = ? and id = ?", site, d.id());
        Map<String, Object> row = withStatus(rows.get(0), c.status().deviceStatus(site, d.gateway(), d.id()));
        row.put("latest", c.store().latest(site, d.id()));
        return row;
    }

    private static Map<String, Object> withStatus(Map<String, Object> row, StatusBoard.Status s) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.put("status", s.state().name().toLowerCase());
        if (s.since() != null) {
            out.put("since", s.since().toString());
        }
        if (s.lastSeen() != null) {
            out.put("lastSeen", s.lastSeen().toString());
        }
        return out;
    }

    private Object history(RoutingContext ctx) {
        String site = c.site(ctx);
        SiteDirectory.DeviceEntry d = device(ctx, site);
        String point = ctx.pathParam("point");
        ZoneId zone = c.zone(site);
        Instant to = Params.optional(ctx, "to").map(t -> Params.instant("to", t, zone)).orElse(c.clock().instant());
        Instant from = Params.optional(ctx, "from").map(t -> Params.instant("from", t, zone)).orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw Problem.badRequest("from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
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
            body.put("buckets", c.store().downsample(site, d.id(), point, from, to, width));
        } else {
            int limit = Params.integer(ctx, "limit", 10_000, MAX_POINTS);
            body.put("points", c.store().history(site, d.id(), point, from, to, limit));
        }
        return body;
    }
}
