package org.lintel.hub.api.maintenance;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.UploadedText;
import org.lintel.hub.auth.Role;
import org.lintel.hub.maintenance.MaintenanceException;
import org.lintel.hub.maintenance.NewWorkOrder;
import org.lintel.hub.maintenance.Part;
import org.lintel.hub.maintenance.Priority;
import org.lintel.hub.maintenance.WorkOrder;
import org.lintel.hub.maintenance.WorkOrderState;
import org.lintel.hub.maintenance.WorkOrders;
import org.lintel.hub.maintenance.kpi.MaintenanceKpis;
import org.lintel.hub.maintenance.kpi.KpiWorkbook;
import org.lintel.hub.maintenance.ledger.Equipment;
import org.lintel.hub.maintenance.ledger.EquipmentLedger;
import org.lintel.hub.maintenance.plan.Plan;
import org.lintel.hub.maintenance.plan.PlanCalendar;
import org.lintel.hub.maintenance.plan.PlanScheduler;
import org.lintel.hub.maintenance.plan.PlanStore;
import org.lintel.hub.maintenance.plan.PlanTemplates;

/**
 * Maintenance over HTTP: work orders and their steps, residents' reports, plans and templates, the plan calendar,
 * the equipment ledger, KPIs. Technicians do the work, supervisors dispatch and verify, engineers keep plans and the
 * ledger, the duty desk (operators) takes residents' reports by phone.
 */
public final class MaintenanceRoutes implements RouteGroup {

    /** Reading orders, plans, the ledger and KPIs. */
    static final Set<Role> READERS = Set.of(Role.TECHNICIAN, Role.SUPERVISOR, Role.ENGINEER, Role.MANAGER, Role.OPERATOR);
    /** Doing the work: take, start, answer, photograph, sign off. */
    static final Set<Role> DOERS = Set.of(Role.TECHNICIAN, Role.SUPERVISOR);
    /** Dispatching, verifying, cancelling, the site's settings. */
    static final Set<Role> SUPERVISORS = Set.of(Role.SUPERVISOR);
    /** Plans and the equipment ledger. */
    static final Set<Role> PLANNERS = Set.of(Role.ENGINEER, Role.SUPERVISOR);
    /** Opening an order: a resident's report at the desk, a fault seen on a round. */
    static final Set<Role> REPORTERS = Set.of(Role.OPERATOR, Role.TECHNICIAN, Role.SUPERVISOR, Role.MANAGER);

    private final SitePaths sites;
    private final WorkOrders orders;
    private final PlanStore plans;
    private final PlanTemplates templates;
    private final PlanScheduler scheduler;
    private final EquipmentLedger ledger;
    private final Clock clock;

    public MaintenanceRoutes(SitePaths sites, WorkOrders orders, PlanStore plans, PlanTemplates templates, PlanScheduler scheduler,
                             EquipmentLedger ledger, Clock clock) {
        this.sites = sites;
        this.orders = orders;
        this.plans = plans;
        this.templates = templates;
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter api) {
        String m = "/api/v1/sites/:site/maintenance";
        String wo = m + "/work-orders/:order";
        api.route(HttpMethod.GET, m + "/settings", READERS, (ctx, c) -> act(() -> orders.settings(sites.site(ctx)).toJson()));
        api.route(HttpMethod.PUT, m + "/settings", SUPERVISORS, (ctx, c) -> act(() -> orders.putSettings(sites.site(ctx), JsonBody.jsonBody(ctx), c.name()).toJson()));
        api.route(HttpMethod.GET, m + "/work-orders", READERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            List<String> states = Params.optional(ctx, "state").map(s -> states(s)).orElse(null);
            String assignee = Params.optional(ctx, "assignee").map(a -> a.equals("me") ? c.name() : a).orElse(null);
            List<WorkOrder> list = orders.store().list(site, states, assignee, Params.optional(ctx, "equipment").orElse(null),
                    Params.optional(ctx, "plan").orElse(null), Params.integer(ctx, "limit", 200, 5000));
            Instant now = clock.instant();
            return list.stream().sorted(MaintenanceRoutes::board).map(o -> view(o, now)).toList();
        }));
        api.route(HttpMethod.POST, m + "/work-orders", Set.of(Role.SUPERVISOR, Role.ENGINEER), (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            String kind = b.get("kind") == null ? "corrective" : String.valueOf(b.get("kind"));
            NewWorkOrder n = person(site, b, kind, "manual", c.name());
            return view(orders.open(n).orElseThrow(), clock.instant());
        }));
        api.route(HttpMethod.POST, m + "/reports", REPORTERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            NewWorkOrder n = person(site, b, "corrective", "resident", c.name());
            WorkOrder o = orders.open(n).orElseThrow();
            if (b.get("photos") instanceof List<?> photos) {
                int i = 0;
                for (Object p : photos) {
                    Photo ph = Photo.of(String.valueOf(p), "photos[" + i++ + "]");
                    orders.photo(site, o.id(), null, ph.type(), ph.bytes(), c.name());
                }
            }
            return view(orders.find(site, o.id()), clock.instant());
        }));
        api.route(HttpMethod.GET, wo, READERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            WorkOrder o = orders.find(site, id(ctx));
            Map<String, Object> v = view(o, clock.instant());
            v.put("events", orders.store().events(o.id()));
            v.put("occurrenceList", orders.store().occurrences(o.id()));
            v.put("photos", orders.store().photos(o.id()));
            return v;
        }));
        api.route(HttpMethod.POST, wo + "/assign", SUPERVISORS, (ctx, c) -> act(() -> {
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            return view(orders.assign(sites.site(ctx), id(ctx), JsonBody.optionalText(b, "assignee"), c.name()), clock.instant());
        }));
        api.route(HttpMethod.POST, wo + "/grab", DOERS, (ctx, c) -> act(() -> view(orders.grab(sites.site(ctx), id(ctx), c.name()), clock.instant())));
        api.route(HttpMethod.POST, wo + "/release", DOERS, (ctx, c) -> act(() ->
                view(orders.release(sites.site(ctx), id(ctx), c.name(), JsonBody.optionalText(JsonBody.jsonBody(ctx), "reason")), clock.instant())));
        api.route(HttpMethod.POST, wo + "/start", DOERS, (ctx, c) -> act(() -> view(orders.start(sites.site(ctx), id(ctx), c.name()), clock.instant())));
        api.route(HttpMethod.POST, wo + "/hold", DOERS, (ctx, c) -> act(() ->
                view(orders.hold(sites.site(ctx), id(ctx), c.name(), JsonBody.optionalText(JsonBody.jsonBody(ctx), "reason")), clock.instant())));
        api.route(HttpMethod.POST, wo + "/resume", DOERS, (ctx, c) -> act(() -> view(orders.resume(sites.site(ctx), id(ctx), c.name()), clock.instant())));
        api.route(HttpMethod.POST, wo + "/answers", DOERS, (ctx, c) -> act(() -> {
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            if (!(b.get("item") instanceof Number item)) {
                throw Problem.badRequest("item", "field 'item' is required: the checklist item's index, from 0");
            }
            return view(orders.answer(sites.site(ctx), id(ctx), item.intValue(), JsonBody.optionalText(b, "answer"), JsonBody.optionalText(b, "note"),
                    Boolean.TRUE.equals(b.get("followUp")), c.name()), clock.instant());
        }));
        api.route(HttpMethod.POST, wo + "/done", DOERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            Instant restored = b.get("restoredAt") == null ? null : Params.instant("restoredAt", String.valueOf(b.get("restoredAt")), sites.zone(site));
            Integer labour = b.get("labourMinutes") instanceof Number n ? n.intValue() : null;
            List<Part> parts = new ArrayList<>();
            if (b.get("parts") instanceof List<?> l) {
                int i = 0;
                for (Object o : l) {
                    Map<?, ?> p = (Map<?, ?>) o;
                    parts.add(new Part(String.valueOf(p.get("name")), decimal(p.get("quantity"), "parts[" + i + "].quantity"),
                            decimal(p.get("unitPrice"), "parts[" + i + "].unitPrice")));
                    i++;
                }
            }
            return view(orders.done(site, id(ctx), restored, labour, parts, c.name()), clock.instant());
        }));
        api.route(HttpMethod.POST, wo + "/verify", SUPERVISORS, (ctx, c) -> act(() -> {
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            if (!(b.get("accepted") instanceof Boolean accepted)) {
                throw Problem.badRequest("accepted", "field 'accepted' is required: true closes the order, false sends it back");
            }
            return view(orders.verify(sites.site(ctx), id(ctx), accepted, JsonBody.optionalText(b, "note"), c.name()), clock.instant());
        }));
        api.route(HttpMethod.POST, wo + "/cancel", SUPERVISORS, (ctx, c) -> act(() ->
                view(orders.cancel(sites.site(ctx), id(ctx), c.name(), JsonBody.optionalText(JsonBody.jsonBody(ctx), "reason")), clock.instant())));
        api.route(HttpMethod.POST, wo + "/rating", REPORTERS, (ctx, c) -> act(() -> {
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            Integer rating = b.get("rating") instanceof Number n ? n.intValue() : null;
            return view(orders.rate(sites.site(ctx), id(ctx), rating, JsonBody.optionalText(b, "returnVisit"), c.name()), clock.instant());
        }));
        api.route(HttpMethod.POST, wo + "/photos", DOERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            String type = String.valueOf(ctx.request().getHeader("content-type")).split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!type.equals("image/jpeg") && !type.equals("image/png") && !type.equals("image/webp")) {
                throw Problem.badRequest("content-type", "a photo is sent as image/jpeg, image/png or image/webp, not " + type);
            }
            byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            Photo.check(type, bytes, "body");
            Integer item = Params.optional(ctx, "item").map(s -> {
                try {
                    return Integer.valueOf(s);
                } catch (NumberFormatException e) {
                    throw Problem.badRequest("item", "parameter 'item' is the checklist item's index, not '" + s + "'");
                }
            }).orElse(null);
            long photo = orders.photo(site, id(ctx), item, type, bytes, c.name());
            return Map.of("photo", photo, "bytes", bytes.length);
        }));
        api.route(HttpMethod.GET, wo + "/photos/:photo", READERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            WorkOrder o = orders.find(site, id(ctx));
            long photo = number(ctx.pathParam("photo"), "photo");
            Map.Entry<String, byte[]> p = orders.store().photo(o.id(), photo)
                    .orElseThrow(() -> Problem.notFound("work order " + o.id() + " has no photo " + photo));
            return new ApiRouter.Download(p.getKey(), "work-order-" + o.id() + "-photo-" + photo + (p.getKey().endsWith("png") ? ".png" : ".jpg"), p.getValue());
        }));
        api.route(HttpMethod.GET, "/api/v1/maintenance/plan-templates", READERS, (ctx, c) -> act(templates::all));
        api.route(HttpMethod.GET, m + "/plans", READERS, (ctx, c) -> act(() -> plans.list(sites.site(ctx)).stream().map(Plan::toJson).toList()));
        api.route(HttpMethod.PUT, m + "/plans/:plan", PLANNERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Object> b = new LinkedHashMap<>(JsonBody.jsonBody(ctx));
            b.remove("note");
            Plan p = Plan.fromJson(site, ctx.pathParam("plan"), b, templates, clock.instant());
            if (ledger.find(site, p.equipment()).isEmpty()) {
                throw Problem.badRequest("equipment", "site " + site + " has no equipment '" + p.equipment() + "' in its ledger (a device of the site files or an entry added)");
            }
            if (p.usage() != null && ledger.find(site, p.equipment()).map(e -> !e.telemetry()).orElse(true)) {
                throw Problem.badRequest("usage.point", "a usage trigger needs telemetry; '" + p.equipment() + "' is not a device of the site files");
            }
            plans.save(p, clock.instant(), c.name());
            scheduler.plansChanged();
            return p.toJson();
        }));
        api.route(HttpMethod.DELETE, m + "/plans/:plan", PLANNERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            if (!plans.delete(site, ctx.pathParam("plan"))) {
                throw Problem.notFound("site " + site + " has no plan '" + ctx.pathParam("plan") + "'");
            }
            scheduler.plansChanged();
            return Map.of("deleted", ctx.pathParam("plan"));
        }));
        api.route(HttpMethod.POST, m + "/plans/run", PLANNERS, (ctx, c) -> act(() -> {
            sites.site(ctx);
            return Map.of("opened", scheduler.pass());
        }));
        api.route(HttpMethod.GET, m + "/calendar", READERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            ZoneId zone = sites.zone(site);
            LocalDate from = date(Params.optional(ctx, "from").orElse(null), "from", LocalDate.now(clock.withZone(zone)));
            LocalDate to = date(Params.optional(ctx, "to").orElse(null), "to", from.plusDays(30));
            if (!to.isAfter(from) || to.isAfter(from.plusDays(400))) {
                throw Problem.badRequest("to", "parameter 'to' must be after 'from' and within 400 days of it");
            }
            // due_at is the end of the due day: the days [from, to) are due_at in (from, to]
            return PlanCalendar.of(plans.list(site), templates, orders.store().planned(site, from.plusDays(1).atStartOfDay(zone).toInstant(),
                    to.plusDays(1).atStartOfDay(zone).toInstant()), from, to, zone);
        }));
        api.route(HttpMethod.GET, m + "/equipment", READERS, (ctx, c) -> act(() -> ledger.list(sites.site(ctx))));
        api.route(HttpMethod.POST, m + "/equipment", PLANNERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            String name = Params.optional(ctx, "name").orElse("equipment.csv");
            return Map.of("stored", ledger.importCsv(site, name, UploadedText.of(ctx, name, "equipment file"), c.name()));
        }));
        api.route(HttpMethod.PUT, m + "/equipment/:equipment", PLANNERS, (ctx, c) -> act(() -> {
            Map<String, Object> b = new LinkedHashMap<>(JsonBody.jsonBody(ctx));
            b.remove("note");
            return ledger.put(sites.site(ctx), ctx.pathParam("equipment"), b, c.name());
        }));
        api.route(HttpMethod.POST, m + "/equipment/:equipment/status", Set.of(Role.ENGINEER, Role.SUPERVISOR, Role.TECHNICIAN), (ctx, c) -> act(() -> {
            Map<String, Object> b = JsonBody.jsonBody(ctx);
            return ledger.status(sites.site(ctx), ctx.pathParam("equipment"), JsonBody.optionalText(b, "status"), JsonBody.optionalText(b, "reason"), c.name());
        }));
        api.route(HttpMethod.GET, m + "/equipment/:equipment", READERS, (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            Equipment e = ledger.find(site, ctx.pathParam("equipment"))
                    .orElseThrow(() -> Problem.notFound("site " + site + " has no equipment '" + ctx.pathParam("equipment") + "'"));
            Map<String, Object> v = new LinkedHashMap<>(ApiRouter.JSON.convertValue(e, Map.class));
            v.put("statusHistory", ledger.history(site, e.id()));
            v.put("workOrders", orders.store().list(site, null, null, e.id(), null, 50).stream().map(o -> view(o, clock.instant())).toList());
            v.put("plans", plans.list(site).stream().filter(p -> p.equipment().equals(e.id())).map(Plan::toJson).toList());
            return v;
        }));
        api.route(HttpMethod.GET, m + "/kpis", Set.of(Role.SUPERVISOR, Role.ENGINEER, Role.MANAGER), (ctx, c) -> act(() -> {
            String site = sites.site(ctx);
            ZoneId zone = sites.zone(site);
            Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
            Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
            Params.ordered(from, to);
            String by = Params.optional(ctx, "by").orElse("site");
            List<Equipment> all = ledger.list(site);
            Map<String, String> eq = new LinkedHashMap<>();
            Function<WorkOrder, String> group;
            switch (by) {
                case "site" -> {
                    all.forEach(e -> eq.put(e.id(), site));
                    group = o -> site;
                }
                case "equipment" -> {
                    all.forEach(e -> eq.put(e.id(), e.id()));
                    group = o -> o.equipment() == null ? "-" : o.equipment();
                }
                case "building" -> {
                    all.forEach(e -> eq.put(e.id(), e.building() == null ? "-" : e.building()));
                    group = o -> o.building() == null ? "-" : o.building();
                }
                case "team" -> {
                    var s = orders.settings(site);
                    all.forEach(e -> eq.put(e.id(), s.teamOf(e.building()) == null ? "-" : s.teamOf(e.building())));
                    group = o -> o.team() == null ? "-" : o.team();
                }
                default -> throw Problem.badRequest("by", "parameter 'by' is site, equipment, building or team, not '" + by + "'");
            }
            List<MaintenanceKpis.Figures> figures = MaintenanceKpis.of(orders.store().all(site), eq, group, from, to, zone);
            if ("xlsx".equals(Params.optional(ctx, "format").orElse("json"))) {
                return new ApiRouter.Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "维保指标-maintenance-kpis-" + site + ".xlsx", KpiWorkbook.of(site, by, from, to, zone, figures));
            }
            return Map.of("site", site, "by", by, "from", from.toString(), "to", to.toString(), "groups", figures, "definitions", MaintenanceKpis.DEFINITIONS);
        }));
    }

    /** Overdue first, then by deadline, then newest; finished orders last. */
    static int board(WorkOrder a, WorkOrder b) {
        int fa = a.state().open() ? 0 : 1;
        int fb = b.state().open() ? 0 : 1;
        if (fa != fb) {
            return fa - fb;
        }
        Instant da = deadline(a);
        Instant db = deadline(b);
        if (da != null && db != null && !da.equals(db)) {
            return da.compareTo(db);
        }
        if ((da == null) != (db == null)) {
            return da == null ? 1 : -1;
        }
        return Long.compare(b.id(), a.id());
    }

    static Instant deadline(WorkOrder o) {
        if (!o.state().open()) {
            return null;
        }
        return o.startedAt() == null && o.respondBy() != null ? o.respondBy() : o.resolveBy() != null ? o.resolveBy() : o.dueAt();
    }

    static Map<String, Object> view(WorkOrder o, Instant now) {
        @SuppressWarnings("unchecked")
        Map<String, Object> v = new LinkedHashMap<>(ApiRouter.JSON.convertValue(o, Map.class));
        Instant d = deadline(o);
        v.put("deadline", d == null ? null : d.toString());
        v.put("overdue", d != null && now.isAfter(d));
        v.put("stateZh", o.state().chinese());
        v.put("priorityZh", o.priority().chinese());
        v.put("next", o.state().next().stream().map(WorkOrderState::id).toList());
        return v;
    }

    private NewWorkOrder person(String site, Map<String, Object> b, String kind, String source, String by) {
        String title = JsonBody.optionalText(b, "title");
        String description = JsonBody.optionalText(b, "description");
        if ((title == null || title.isBlank()) && (description == null || description.isBlank())) {
            throw Problem.badRequest("description", "field 'description' is required: what is wrong, in the reporter's words");
        }
        String equipment = JsonBody.optionalText(b, "equipment");
        String building = JsonBody.optionalText(b, "building");
        if (equipment != null) {
            Equipment e = ledger.find(site, equipment).orElseThrow(() -> Problem.badRequest("equipment", "site " + site + " has no equipment '" + equipment + "'"));
            building = building == null ? e.building() : building;
        }
        String location = JsonBody.optionalText(b, "location");
        if ("resident".equals(source) && location == null && equipment == null) {
            throw Problem.badRequest("location", "field 'location' is required for a resident's report (room, floor or place), unless it names the equipment");
        }
        String p = b.get("priority") == null ? "medium" : String.valueOf(b.get("priority"));
        Priority priority = Priority.of(p).orElseThrow(() -> Problem.badRequest("priority", "field 'priority' is immediate, high, medium or low, not '" + p + "'"));
        String t = title != null ? title : description.length() > 40 ? description.substring(0, 40) + "…" : description;
        return NewWorkOrder.byPerson(site, equipment, building, kind, source, t, t, description, location, priority, clock.instant(),
                JsonBody.optionalText(b, "reporter"), JsonBody.optionalText(b, "contact"), by);
    }

    private static List<String> states(String s) {
        List<String> out = new ArrayList<>();
        for (String x : s.split(",")) {
            if (x.equals("open")) {
                out.addAll(List.of("open", "assigned", "in-progress", "on-hold"));
            } else if (WorkOrderState.of(x).isPresent()) {
                out.add(x);
            } else {
                throw Problem.badRequest("state", "parameter 'state' lists states (" + Arrays.stream(WorkOrderState.values()).map(WorkOrderState::id).toList()
                        + ", or open for all four open ones), not '" + x + "'");
            }
        }
        return out;
    }

    private static long id(RoutingContext ctx) {
        return number(ctx.pathParam("order"), "order");
    }

    private static long number(String s, String field) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no " + field + " '" + (s.length() > 30 ? s.substring(0, 30) + "…" : s) + "'");
        }
    }

    private static LocalDate date(String s, String field, LocalDate dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return LocalDate.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problem.badRequest(field, "parameter '" + field + "' is a date such as 2027-01-01, not '" + s + "'");
        }
    }

    private static BigDecimal decimal(Object v, String field) {
        try {
            BigDecimal d = new BigDecimal(String.valueOf(v));
            if (d.signum() < 0) {
                throw Problem.badRequest(field, "field '" + field + "' must not be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(field, "field '" + field + "' must be a number, not '" + v + "'");
        }
    }

    interface Action {
        Object run() throws Exception;
    }

    static Object act(Action a) throws Exception {
        try {
            return a.run();
        } catch (MaintenanceException e) {
            int status = switch (e.kind()) {
                case INVALID -> "file".equals(e.field()) ? 422 : 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            throw new Problem(status, status == 422 ? "Invalid file" : status == 400 ? "Bad request" : status == 404 ? "Not found" : "Conflict", e.getMessage(),
                    e.field() == null ? null : List.of(Map.of("field", e.field(), "message", e.getMessage())));
        }
    }

    /** A photo sent inline as a data URL (data:image/jpeg;base64,…), checked to be the image it says it is. */
    record Photo(String type, byte[] bytes) {
        static Photo of(String dataUrl, String field) {
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("^data:(image/(?:jpeg|png|webp));base64,(.+)$").matcher(dataUrl);
            if (!mt.matches()) {
                throw Problem.badRequest(field, "field '" + field + "' is a photo as a data URL (data:image/jpeg;base64,…)");
            }
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(mt.group(2));
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest(field, "field '" + field + "' is not valid base64");
            }
            check(mt.group(1), bytes, field);
            return new Photo(mt.group(1), bytes);
        }

        static void check(String type, byte[] b, String field) {
            boolean ok = switch (type) {
                case "image/jpeg" -> b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
                case "image/png" -> b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
                default -> b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E';
            };
            if (!ok) {
                throw Problem.badRequest(field, field + " is not a " + type + " image (its first bytes say otherwise)");
            }
        }
    }
}
