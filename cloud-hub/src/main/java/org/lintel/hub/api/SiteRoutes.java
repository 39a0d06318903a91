package org.lintel.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lintel.check.Problem;
import org.lintel.check.Problems;
import org.lintel.hub.registry.RegistryException;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Site import and export, meter assignments and replacements, and API tokens. */
final class SiteRoutes {

    private final ApiContext c;

    SiteRoutes(ApiContext context) {
        this.c = context;
    }

    void register(ApiServer api) {
        Set<Role> engineers = Set.of(Role.ENGINEER);
        Set<Role> readers = Set.of(Role.ENGINEER, Role.OPERATOR, Role.BILLING, Role.READ_ONLY);
        api.route(HttpMethod.POST, "/api/v1/sites", engineers, (ctx, role) -> importSite(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites", readers,
                (ctx, role) -> c.registry().rows("select id, name_en, name_zh, time_zone, source_name, imported_at from site order by id"));
        api.route(HttpMethod.GET, "/api/v1/sites/:site", engineers, (ctx, role) -> export(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/units", readers, (ctx, role) -> c.registry().rows(
                "select id, building_id, floor, area_m2, name_en, name_zh from property_unit where site_id = ? order by id", c.site(ctx)));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/meter-assignments", Set.of(Role.ENGINEER, Role.BILLING),
                (ctx, role) -> c.registry().assignments(c.site(ctx), Params.optional(ctx, "target").orElse(null)));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/meter-replacements", Set.of(Role.ENGINEER, Role.BILLING), (ctx, role) -> replace(ctx));
        api.route(HttpMethod.POST, "/api/v1/tokens", Set.of(), (ctx, role) -> token(ctx));
        // admins only: it names every gateway's MQTT user
        api.route(HttpMethod.GET, "/api/v1/mosquitto-acl", Set.of(), (ctx, role) -> {
            int consumers = Params.integer(ctx, "consumers", 8, 64);
            try {
                return new ApiServer.Text(200, "text/plain; charset=utf-8",
                        org.lintel.hub.sparkplug.MosquittoAcl.of(c.directory().get(), Params.optional(ctx, "user").orElse("lintel-hub"), consumers));
            } catch (IllegalArgumentException badUser) {
                throw org.lintel.hub.api.Problem.badRequest("user", badUser.getMessage());
            }
        });
    }

    private Object importSite(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw org.lintel.hub.api.Problem.badRequest("body", "send the site file (YAML or JSON) as the request body");
        }
        String name = Params.optional(ctx, "name").orElse("uploaded site");
        Problems problems = new Problems();
        SiteLoader.Loaded loaded = SiteLoader.loadText(name, text, c.profiles(), problems);
        List<Map<String, Object>> messages = new ArrayList<>();
        for (Problem p : problems.sorted()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", p.severity().name().toLowerCase());
            m.put("file", p.file());
            m.put("line", p.line());
            m.put("column", p.column());
            m.put("subject", p.subject());
            m.put("message", p.message());
            m.put("text", p.toString());
            messages.add(m);
        }
        if (problems.hasErrors() || loaded.site().isEmpty()) {
            throw new org.lintel.hub.api.Problem(422, "Invalid site file", problems.errorCount() + " error(s) in " + name
                    + "; nothing was imported", messages);
        }
        Site site = loaded.site().get();
        RegistryStore.ImportResult r;
        try {
            r = c.registry().importSite(site, name, text, c.clock().instant());
        } catch (RegistryException e) {
            throw new org.lintel.hub.api.Problem(409, "Conflict with the registry", e.getMessage(), null);
        }
        c.refresh().run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", r);
        body.put("warnings", messages);
        ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/sites/" + site.id());
        return body;
    }

    private Object export(RoutingContext ctx) {
        String id = c.site(ctx);
        String[] source = c.registry().source(id).orElseThrow(() -> org.lintel.hub.api.Problem.notFound("site '" + id + "' has no stored file"));
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            Object tree = new Yaml(new LoaderOptions()).load(source[1]);
            return tree;
        }
        return new ApiServer.Text(200, "application/yaml; charset=utf-8", source[1]);
    }

    private Object replace(RoutingContext ctx) {
        String site = c.site(ctx);
        Map<String, Object> body = jsonBody(ctx);
        String oldDevice = text(body, "oldDevice");
        String newDevice = text(body, "newDevice");
        Instant at = Params.instant("at", text(body, "at"), c.zone(site));
        BigDecimal fin = decimal(body, "finalReading");
        BigDecimal init = decimal(body, "initialReading");
        if (c.directory().get().device(site, newDevice).isEmpty()) {
            throw org.lintel.hub.api.Problem.badRequest("newDevice", "field 'newDevice': device '" + newDevice + "' is not in site " + site
                    + "; add it to the site file and import it first");
        }
        try {
            return c.registry().replaceMeter(site, oldDevice, newDevice, at, fin, init, (String) body.get("note"));
        } catch (RegistryException e) {
            throw new org.lintel.hub.api.Problem(409, "Conflict", e.getMessage(), null);
        }
    }

    private Object token(RoutingContext ctx) {
        Map<String, Object> body = jsonBody(ctx);
        String name = text(body, "name");
        String roleId = text(body, "role");
        Role role = Role.of(roleId).orElseThrow(() -> org.lintel.hub.api.Problem.badRequest("role", "field 'role': '" + roleId
                + "' is not a role; use one of admin, engineer, operator, billing, read-only"));
        return Map.of("name", name, "role", role.id(), "token", c.tokens().create(name, role));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonBody(RoutingContext ctx) {
        try {
            Object o = ApiServer.JSON.readValue(ctx.body().asString() == null ? "" : ctx.body().asString(), Object.class);
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (Exception e) {
            throw org.lintel.hub.api.Problem.badRequest("body", "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        throw org.lintel.hub.api.Problem.badRequest("body", "the body must be a JSON object");
    }

    static String text(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw org.lintel.hub.api.Problem.badRequest(field, "field '" + field + "' is required (a string)");
        }
        return s;
    }

    static BigDecimal decimal(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            throw org.lintel.hub.api.Problem.badRequest(field, "field '" + field + "': '" + v + "' is not a decimal number such as 1234.56");
        }
    }
}
