package org.lintel.hub.api.site;

import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.FileProblems;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.Params;

import org.lintel.hub.auth.Role;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lintel.check.Problem;
import org.lintel.check.Problems;
import org.lintel.hub.registry.RegistryException;
import org.lintel.hub.registry.Listings;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Site import and export, units, meter assignments and replacements, and the broker ACL of the registry's gateways. */
public final class SiteRoutes implements RouteGroup {

    private final SitePaths sites;
    private final RegistryStore registry;
    private final Listings listings;
    private final Supplier<ProfileLibrary> profiles;
    private final Runnable refresh;
    private final java.time.Clock clock;

    public SiteRoutes(SitePaths sites, RegistryStore registry, Listings listings, Supplier<ProfileLibrary> profiles, Runnable refresh, java.time.Clock clock) {
        this.sites = sites;
        this.registry = registry;
        this.listings = listings;
        this.profiles = profiles;
        this.refresh = refresh;
        this.clock = clock;
    }

    public void register(ApiRouter api) {
        Set<Role> engineers = Set.of(Role.ENGINEER);
        Set<Role> readers = Set.of(Role.ENGINEER, Role.OPERATOR, Role.BILLING, Role.READ_ONLY);
        api.route(HttpMethod.POST, "/api/v1/sites", engineers, (ctx, role) -> importSite(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites", readers,
                (ctx, role) -> listings.sites());
        api.route(HttpMethod.GET, "/api/v1/sites/:site", engineers, (ctx, role) -> export(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/units", readers, (ctx, role) -> listings.units(sites.site(ctx)));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/meter-assignments", Set.of(Role.ENGINEER, Role.BILLING),
                (ctx, role) -> registry.assignments(sites.site(ctx), Params.optional(ctx, "target").orElse(null)));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/meter-replacements", Set.of(Role.ENGINEER, Role.BILLING), (ctx, role) -> replace(ctx));
        // admins only: it names every gateway's MQTT user
        api.route(HttpMethod.GET, "/api/v1/mosquitto-acl", Set.of(), (ctx, role) -> {
            int consumers = Params.integer(ctx, "consumers", 8, 64);
            try {
                return new ApiRouter.Text(200, "text/plain; charset=utf-8",
                        org.lintel.hub.telemetry.broker.MosquittoAcl.of(sites.directory(), Params.optional(ctx, "user").orElse("lintel-hub"), consumers));
            } catch (IllegalArgumentException badUser) {
                throw org.lintel.hub.api.http.Problem.badRequest("user", badUser.getMessage());
            }
        });
    }

    private Object importSite(RoutingContext ctx) {
        String text = ctx.body().asString();
        if (text == null || text.isBlank()) {
            throw org.lintel.hub.api.http.Problem.badRequest("body", "send the site file (YAML or JSON) as the request body");
        }
        String name = Params.optional(ctx, "name").orElse("uploaded site");
        Problems problems = new Problems();
        SiteLoader.Loaded loaded = SiteLoader.loadText(name, text, profiles.get(), problems);
        List<Map<String, Object>> messages = FileProblems.of(problems);
        if (problems.hasErrors() || loaded.site().isEmpty()) {
            throw new org.lintel.hub.api.http.Problem(422, "Invalid site file", problems.errorCount() + " error(s) in " + name
                    + "; nothing was imported", messages);
        }
        Site site = loaded.site().get();
        RegistryStore.ImportResult r;
        try {
            r = registry.importSite(site, name, text, clock.instant());
        } catch (RegistryException e) {
            throw new org.lintel.hub.api.http.Problem(409, "Conflict with the registry", e.getMessage(), null);
        }
        refresh.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", r);
        body.put("warnings", messages);
        ctx.response().setStatusCode(201).putHeader("Location", "/api/v1/sites/" + site.id());
        return body;
    }

    private Object export(RoutingContext ctx) {
        String id = sites.site(ctx);
        RegistryStore.SiteSource source = registry.source(id).orElseThrow(() -> org.lintel.hub.api.http.Problem.notFound("site '" + id + "' has no stored file"));
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("application/json")) {
            Object tree = new Yaml(new LoaderOptions()).load(source.text());
            return tree;
        }
        return new ApiRouter.Text(200, "application/yaml; charset=utf-8", source.text());
    }

    private Object replace(RoutingContext ctx) {
        String site = sites.site(ctx);
        Map<String, Object> body = JsonBody.jsonBody(ctx);
        String oldDevice = JsonBody.text(body, "oldDevice");
        String newDevice = JsonBody.text(body, "newDevice");
        Instant at = Params.instant("at", JsonBody.text(body, "at"), sites.zone(site));
        BigDecimal fin = JsonBody.decimal(body, "finalReading");
        BigDecimal init = JsonBody.decimal(body, "initialReading");
        if (sites.directory().device(site, newDevice).isEmpty()) {
            throw org.lintel.hub.api.http.Problem.badRequest("newDevice", "field 'newDevice': device '" + newDevice + "' is not in site " + site
                    + "; add it to the site file and import it first");
        }
        try {
            return registry.replaceMeter(site, oldDevice, newDevice, at, fin, init, JsonBody.optionalText(body, "note"));
        } catch (RegistryException e) {
            throw new org.lintel.hub.api.http.Problem(409, "Conflict", e.getMessage(), null);
        }
    }

}
