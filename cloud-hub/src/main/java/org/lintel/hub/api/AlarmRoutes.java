package org.lintel.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmActionException;

/** The alarm list, one alarm with its history, and what people do with alarms: acknowledge, reset, shelve. */
final class AlarmRoutes {

    private final ApiContext c;

    AlarmRoutes(ApiContext context) {
        this.c = context;
    }

    void register(ApiServer api) {
        Set<Role> readers = Set.of(Role.ENGINEER, Role.OPERATOR, Role.BILLING, Role.READ_ONLY);
        Set<Role> handlers = Set.of(Role.ENGINEER, Role.OPERATOR);
        api.route(HttpMethod.GET, "/api/v1/sites/:site/alarms", readers, (ctx, role) -> c.alarmStore().list(c.site(ctx),
                !"all".equals(Params.optional(ctx, "state").orElse("open")), Params.integer(ctx, "limit", 500, 10_000)));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/devices/:device/out-of-service", Set.of(Role.ENGINEER), (ctx, role) -> {
            String site = c.site(ctx);
            String device = ctx.pathParam("device");
            if (c.directory().get().device(site, device).isEmpty()) {
                throw Problem.notFound("device '" + device + "' is not in site " + site);
            }
            Map<String, Object> body = SiteRoutes.jsonBody(ctx);
            java.time.Instant until = body.get("until") == null ? null : Params.instant("until", body.get("until").toString(), c.zone(site));
            c.alarms().outOfService(site, device, until, ctx.get("caller"), (String) body.get("reason"));
            return Map.of("site", site, "device", device, "outOfService", true, "until", until == null ? "until returned" : until.toString());
        });
        api.route(HttpMethod.DELETE, "/api/v1/sites/:site/devices/:device/out-of-service", Set.of(Role.ENGINEER), (ctx, role) -> {
            String site = c.site(ctx);
            c.alarms().backInService(site, ctx.pathParam("device"), ctx.get("caller"));
            return Map.of("site", site, "device", ctx.pathParam("device"), "outOfService", false);
        });
        api.route(HttpMethod.GET, "/api/v1/sites/:site/alarm-kpis", readers, (ctx, role) -> {
            String site = c.site(ctx);
            java.time.ZoneId zone = c.zone(site);
            java.time.Instant to = Params.optional(ctx, "to").map(t -> Params.instant("to", t, zone)).orElse(c.clock().instant());
            java.time.Instant from = Params.optional(ctx, "from").map(t -> Params.instant("from", t, zone)).orElse(to.minus(java.time.Duration.ofDays(7)));
            if (!from.isBefore(to)) {
                throw Problem.badRequest("from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
            }
            java.util.Optional<String> group = Params.optional(ctx, "group");
            if (group.isEmpty()) {
                return c.alarmKpis().of(site, from, to, c.clock().instant());
            }
            org.lintel.hub.alarm.Escalator.Route route = c.onCallGroups().stream().filter(r -> r.name().equals(group.get())).findFirst()
                    .orElseThrow(() -> Problem.badRequest("group", "no on-call group (escalation route) '" + group.get() + "'; groups: "
                            + c.onCallGroups().stream().map(org.lintel.hub.alarm.Escalator.Route::name).toList()));
            return c.alarmKpis().of(site, route.name(), (device, priority) -> route.takes(site, c.directory().get().buildingOf(site, device))
                    && route.policy().covers(priority), from, to, c.clock().instant());
        });
        api.route(HttpMethod.GET, "/api/v1/alarms/:id", readers, (ctx, role) -> {
            Alarm a = alarm(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("alarm", a);
            body.put("transitions", c.alarmStore().transitions(a.id()));
            return body;
        });
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/acknowledge", handlers,
                (ctx, role) -> act(() -> c.alarms().acknowledge(alarm(ctx).id(), ctx.get("caller"), note(ctx))));
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/reset", handlers,
                (ctx, role) -> act(() -> c.alarms().reset(alarm(ctx).id(), ctx.get("caller"), note(ctx))));
        api.route(HttpMethod.POST, "/api/v1/alarms/:id/shelve", handlers, (ctx, role) -> {
            Map<String, Object> body = SiteRoutes.jsonBody(ctx);
            java.time.Duration d = Params.duration("for", SiteRoutes.text(body, "for"));
            if (d.compareTo(java.time.Duration.ofDays(7)) > 0) {
                throw Problem.badRequest("for", "field 'for': shelving is limited to 7 days; take the device out of service instead");
            }
            return act(() -> c.alarms().shelve(alarm(ctx).id(), d, ctx.get("caller"), (String) body.get("reason")));
        });
    }

    private Alarm alarm(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            return c.alarmStore().find(Long.parseLong(id)).orElseThrow(() -> Problem.notFound("there is no alarm " + id));
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no alarm '" + id + "' (alarm ids are numbers)");
        }
    }

    private static String note(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            return null;
        }
        Object note = SiteRoutes.jsonBody(ctx).get("note");
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
