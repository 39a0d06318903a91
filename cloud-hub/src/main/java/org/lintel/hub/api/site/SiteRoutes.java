package org.lintel.hub.api.site;

import org.lintel.hub.api.http.Admits;
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
        Set<Role> engineers = Admits.ENGINEERS;
        Set<Role> readers = Admits.EVERYONE;
        api.route(HttpMethod.POST, "/api/v1/sites", engineers, this::importSite);
        api.route(HttpMethod.GET, "/api/v1/sites", readers,
                (ctx, caller) -> listings.sites().stream().filter(s -> caller.mayUse(s.id())).toList());
        api.route(HttpMethod.GET, "/api/v1/sites/:site", engineers, (ctx, caller) -> export(ctx));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/units", readers, (ctx, caller) -> listings.units(sites.site(ctx)));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/meter-assignments", Admits.USAGE_READERS,
                (ctx, caller) -> registry.assignments(sites.site(ctx), Params.optional(ctx, "target").orElse(null)));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/meter-replacements", Admits.METER_CHANGERS, (ctx, caller) -> replace(ctx));
        // admins only: it names every gateway's MQTT user
        api.route(HttpMethod.GET, "/api/v1/mosquitto-acl", Admits.ADMINS, (ctx, caller) -> {
            int consumers = Params.integer(ctx, "consumers", 8, 64);
            try {
                return new ApiRouter.Text(200, "text/plain; charset=utf-8",
                        org.lintel.hub.telemetry.broker.MosquittoAcl.of(sites.directory(), Params.optional(ctx, "user").orElse("lintel-hub"), consumers));
            } catch (IllegalArgumentException badUser) {
                throw org.lintel.hub.api.http.Problem.badRequest("user", badUser.getMessage());
            }
        });
    }

    private Object importSite(RoutingContext ctx, org.lintel.hub.auth.Caller caller) {
        String name = Params.optional(ctx, "name").orElse("uploaded site");
        String text = org.lintel.hub.api.http.UploadedText.of(ctx, name, "site file");
        Problems problems = new Problems();
        SiteLoader.Loaded loaded = SiteLoader.loadText(name, text, profiles.get(), problems);
        List<Map<String, Object>> messages = FileProblems.of(problems);
        if (problems.hasErrors() || loaded.site().isEmpty()) {
            throw new org.lintel.hub.api.http.Problem(422, "Invalid site file", problems.errorCount() + " error(s) in " + name
                    + "; nothing was imported", messages);
        }
        Site site = loaded.site().get();
        if (!caller.mayUse(site.id())) {
            throw new org.lintel.hub.api.http.Problem(403, "Forbidden", caller.name() + " is not granted site '" + site.id()
                    + "'; an admin can grant it, or import it with an account granted every site", null);
        }
        ApiRouter.site(ctx, site.id());
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
        BigDecimal fin = JsonBody.reading(body, "finalReading");
        BigDecimal init = JsonBody.reading(body, "initialReading");
        if (sites.directory().device(site, newDevice).isEmpty()) {
            throw org.lintel.hub.api.http.Problem.badRequest("newDevice", "field 'newDevice': device '" + newDevice + "' is not in site " + site
                    + "; add it to the site file and import it first");
        }
        ApiRouter.before(ctx, registry.assignments(site, null).stream().filter(a -> a.device().equals(oldDevice) || a.device().equals(newDevice)).toList());
        try {
            return registry.replaceMeter(site, oldDevice, newDevice, at, fin, init, JsonBody.optionalText(body, "note"));
        } catch (RegistryException e) {
            throw new org.lintel.hub.api.http.Problem(409, "Conflict", e.getMessage(), null);
        }
    }

}
