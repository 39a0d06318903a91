package org.lintel.hub.api.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.auth.ApiToken;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Caller;
import org.lintel.hub.auth.Role;

/** Machine tokens: made, listed and revoked by admins only; the secret is shown once, in the answer that makes it. */
public final class TokenRoutes implements RouteGroup {

    private final ApiTokens tokens;
    private final Grants grants;
    private final Clock clock;

    public TokenRoutes(ApiTokens tokens, Supplier<Set<String>> knownSites, Clock clock) {
        this.tokens = tokens;
        this.grants = new Grants(knownSites);
        this.clock = clock;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.POST, "/api/v1/tokens", Admits.ADMINS, this::create);
        api.route(HttpMethod.GET, "/api/v1/tokens", Admits.ADMINS, (ctx, caller) -> tokens.list().stream().map(t -> Grants.view(t, clock.instant())).toList());
        api.route(HttpMethod.DELETE, "/api/v1/tokens/:id", Admits.ADMINS, (ctx, caller) -> {
            long id = id(ctx);
            ApiToken before = tokens.find(id).orElseThrow(() -> Problem.notFound("there is no API token " + id));
            ApiRouter.before(ctx, Grants.view(before, clock.instant()));
            return Grants.view(tokens.revoke(id), clock.instant());
        });
    }

    private Object create(RoutingContext ctx, Caller caller) {
        Map<String, Object> body = JsonBody.jsonBody(ctx);
        String name = JsonBody.text(body, "name");
        Role role = Grants.role(body.get("role"));
        ApiTokens.Issued issued = tokens.create(name, role, body.containsKey("sites") ? grants.sites(body.get("sites")) : org.lintel.hub.auth.SiteScope.ALL,
                Grants.expiry(body, clock.instant()), caller.name());
        Map<String, Object> answer = new LinkedHashMap<>(Grants.view(issued.token(), clock.instant()));
        answer.put("token", issued.secret());
        return answer;
    }

    private static long id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no API token '" + Grants.shorten(id) + "' (token ids are numbers, see GET /api/v1/tokens)");
        }
    }
}
