package org.lintel.hub.api.site;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lintel.check.Problems;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.FileProblems;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.auth.Role;
import org.lintel.hub.registry.ProfileCatalog;

/**
 * The device profiles of the running hub: listed for everybody, uploaded by engineers (a new device model, or a
 * corrected one), validated with file:line:column errors like a site upload, in effect at once and kept.
 */
public final class ProfileRoutes implements RouteGroup {

    /** A profile file is small; the largest built-in one is 12 KB. */
    static final int MAX_BYTES = 1 << 20;

    private final ProfileCatalog profiles;
    private final Runnable refresh;
    private final Clock clock;

    /** @param refresh rebuilds what depends on the profiles (alarm rules, quiet limits) after an upload */
    public ProfileRoutes(ProfileCatalog profiles, Runnable refresh, Clock clock) {
        this.profiles = profiles;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter api) {
        Set<Role> readers = Admits.EVERYONE;
        api.route(HttpMethod.GET, "/api/v1/profiles", readers, (ctx, caller) -> list());
        api.route(HttpMethod.PUT, "/api/v1/profiles/:id", Admits.ENGINEERS, (ctx, caller) -> {
            if (!caller.scope().all()) {
                throw new org.lintel.hub.api.http.Problem(403, "Forbidden", "a device profile serves every site; uploading one needs an engineer"
                        + " granted every site (" + caller.name() + " has " + caller.scope().sites() + ")", null);
            }
            return upload(ctx, caller);
        });
    }

    private List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        profiles.sources().forEach((id, source) -> profiles.find(id).ifPresent(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("manufacturer", p.manufacturer());
            m.put("model", p.model());
            m.put("protocol", p.protocol().name().toLowerCase());
            m.put("points", p.points().size());
            m.put("source", source == ProfileCatalog.Source.UPLOADED ? "uploaded" : "built-in or site folder");
            out.add(m);
        }));
        return out;
    }

    private Object upload(RoutingContext ctx, org.lintel.hub.auth.Caller caller) {
        String id = ctx.pathParam("id");
        if (ctx.body() != null && ctx.body().buffer() != null && ctx.body().buffer().length() > MAX_BYTES) {
            throw Problem.badRequest("body", "a profile file is at most " + MAX_BYTES + " bytes; this one is " + ctx.body().buffer().length());
        }
        String name = Params.optional(ctx, "name").orElse(id + ".yaml");
        String text = org.lintel.hub.api.http.UploadedText.of(ctx, name, "profile file");
        boolean replaced = profiles.find(id).isPresent();
        Problems warnings;
        try {
            warnings = profiles.upload(id, name, text, caller.name(), clock.instant());
        } catch (ProfileCatalog.InvalidProfileException e) {
            throw new Problem(422, "Invalid profile file", e.getMessage(), FileProblems.of(e.problems()));
        }
        refresh.run();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("replaced", replaced);
        body.put("warnings", FileProblems.of(warnings));
        ctx.response().setStatusCode(replaced ? 200 : 201).putHeader("Location", "/api/v1/profiles/" + id);
        return body;
    }
}
