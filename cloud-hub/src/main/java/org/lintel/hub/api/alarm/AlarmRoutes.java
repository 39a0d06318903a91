package org.lintel.hub.api.alarm;

import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.auth.Role;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmEngine;
import org.lintel.hub.alarm.AlarmKpis;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.alarm.AlarmActionException;
import org.lintel.hub.registry.Listings;

/** The alarm list, one alarm with its history, and what people do with alarms: acknowledge, reset, shelve. */
public final class AlarmRoutes implements RouteGroup {

    private final SitePaths sites;
    private final AlarmStore store;
    private final AlarmEngine alarms;
    private final AlarmKpis kpis;
    private final java.util.List<org.lintel.hub.oncall.Escalator.Route> onCallGroups;
    private final java.time.Clock clock;
    private final Listings listings;

    public AlarmRoutes(SitePaths sites, Listings listings, AlarmStore store, AlarmEngine alarms, AlarmKpis kpis,
                       java.util.List<org.lintel.hub.oncall.Escalator.Route> onCallGroups, java.time.Clock clock) {
        this.sites = sites;
        this.listings = listings;
        this.store = store;
        this.alarms = alarms;
        this.kpis = kpis;
        this.onCallGroups = onCallGroups;
        this.clock = clock;
    }

    private static boolean openOnly(RoutingContext ctx) {
        String state = Params.optional(ctx, "state").orElse("open");
        if (!state.equals("open") && !state.equals("all")) {
            throw Problem.badRequest("state", "parameter 'state' is open (the default) or all, not '" + state + "'");
        }
        return state.equals("open");
    }

    public void register(ApiRouter api) {
        Set<Role> readers = Admits.EVERYONE;
        Set<Role> handlers = Admits.ALARM_HANDLERS;
        api.route(HttpMethod.GET, "/api/v1/sites/:site/alarms", readers, (ctx, caller) -> {
            String site = sites.site(ctx);
            boolean open = openOnly(ctx);
            int limit = Params.integer(ctx, "limit", 500, 10_000);
            Optional<String> device = Params.optional(ctx, "device");
            if (device.isPresent() && sites.directory().device(site, device.get()).isEmpty() && !sites.directory().site(site).orElseThrow()
                    .gateways().containsKey(device.get())) {
                throw Problem.notFound("no device or gateway '" + device.get() + "' in site " + site);
            }
            List<Alarm> found = device.isPresent() ? store.list(site, device.get(), open, limit) : store.list(site, open, limit);
            return new AlarmPlaces(listings, sites.directory(), site).place(found);
        });
        // every site's alarms in one list, for on-call staff who watch more than one community: life-safety first
        api.route(HttpMethod.GET, "/api/v1/alarms", readers, (ctx, caller) -> {
            boolean open = openOnly(ctx);
            int limit = Params.integer(ctx, "limit", 500, 10_000);
            List<Map<String, Object>> all = new ArrayList<>();
            for (Listings.SiteListing s : listings.sites().stream().filter(s -> caller.mayUse(s.id())).toList()) {
                all.addAll(new AlarmPlaces(listings, sites.directory(), s.id()).place(store.list(s.id(), open, limit)));
            }
            all.sort(Comparator.comparingInt((Map<String, Object> m) -> AlarmStore.priorityRank((String) m.get("priority")))
                    .thenComparing(m -> (Instant) m.get("activatedAt"), Comparator.reverseOrder()));
            return all.size() > limit ? all.subList(0, limit) : all;
        });
        api.route(HttpMethod.POST, "/api/v1/sites/:site/devices/:device/out-of-service", Admits.MAINTAINERS, (ctx, caller) -> {
            String site = sites.site(ctx);
            String device = ctx.pathParam("device");
            if (sites.directory().device(site, device).isEmpty()) {
                throw Problem.notFound("device '" + device + "' is not in site " + site);
            }
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            java.time.Instant until = body.get("until") == null ? null : Params.instant("until", body.get("until").toString(), sites.zone(site));
            alarms.outOfService(new DeviceKey(site, device), until, caller.name(), JsonBody.optionalText(body, "reason"));
            return Map.of("site", site, "device", device, "outOfService", true, "until", until == null ? "until returned" : until.toString());
        });
        api.route(HttpMethod.DELETE, "/api/v1/sites/:site/devices/:device/out-of-service", Admits.MAINTAINERS, (ctx, caller) -> {
            String site = sites.site(ctx);
            String device = ctx.pathParam("device");
            if (sites.directory().device(site, device).isEmpty()) {
                throw Problem.notFound("device '" + device + "' is not in site " + site);
            }
            alarms.backInService(new DeviceKey(site, device), caller.name());
            return Map.of("site", site, "device", device, "outOfService", false);
        });
        api.route(HttpMethod.GET, "/api/v1/sites/:site/alarm-kpis", readers, (ctx, caller) -> {
            String site = sites.site(ctx);
            java.time.ZoneId zone = sites.zone(site);
            java.time.Instant to = Params.optional(ctx, "to").map(t -> Params.instant("to", t, zone)).orElse(clock.instant());
            java.time.Instant from = Params.optional(ctx, "from").map(t -> Params.instant("from", t, zone)).orElse(to.minus(java.time.Duration.ofDays(7)));
            Params.ordered(from, to);
            java.util.Optional<String> group = Params.optional(ctx, "group");
            if (group.isEmpty()) {
                return kpis.of(site, from, to, clock.instant());
            }
            org.lintel.hub.oncall.Escalator.Route route = onCallGroups.stream().filter(r -> r.name().equals(group.get())).findFirst()
                    .orElseThrow(() -> Problem.badRequest("group", "no on-call group (escalation route) '" + group.get() + "'; groups: "
                            + onCallGroups.stream().map(org.lintel.hub.oncall.Escalator.Route::name).toList()));
            return kpis.of(site, route.name(), (device, priority) -> route.takes(site, sites.directory().buildingOf(site, device))
                    && route.policy().covers(priority), from, to, clock.instant());
        });
        api.route(HttpMethod.GET, "/api/v1/alarms/:id", readers, (ctx, caller) -> {
            Alarm a = alarm(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("alarm", a);
            body.put("transitions", store.transitions(a.id()));
            return body;
        });
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/acknowledge", handlers,
                (ctx, caller) -> act(() -> alarms.acknowledge(alarm(ctx).id(), caller.name(), note(ctx))));
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/reset", handlers,
                (ctx, caller) -> act(() -> alarms.reset(alarm(ctx).id(), caller.name(), note(ctx))));
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/shelve", handlers, (ctx, caller) -> {
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            java.time.Duration d = Params.duration("for", JsonBody.text(body, "for"));
            if (d.compareTo(java.time.Duration.ofDays(7)) > 0) {
                throw Problem.badRequest("for", "field 'for': shelving is limited to 7 days; take the device out of service instead");
            }
            return act(() -> alarms.shelve(alarm(ctx).id(), d, caller.name(), JsonBody.optionalText(body, "reason")));
        });
    }

    private Alarm alarm(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            Alarm a = store.find(Long.parseLong(id)).orElseThrow(() -> Problem.notFound("there is no alarm " + id));
            // an alarm of a site the caller was not granted is answered as if it did not exist
            ApiRouter.requireSite(ctx, a.site(), "there is no alarm " + id);
            ApiRouter.site(ctx, a.site());
            ApiRouter.before(ctx, a);
            return a;
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no alarm '" + id + "' (alarm ids are numbers)");
        }
    }

    private static String note(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            return null;
        }
        Object note = JsonBody.jsonBody(ctx).get("note");
        return note == null ? null : note.toString();
    }

    private static Object act(java.util.function.Supplier<Alarm> action) {
        try {
            return action.get();
        } catch (AlarmActionException e) {
            throw new Problem(409, "Not possible in the alarm's state", e.getMessage(), null);
        }
    }
}
