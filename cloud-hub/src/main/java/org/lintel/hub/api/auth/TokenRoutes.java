package org.lintel.hub.api.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Role;

/** API tokens: created by admins only. */
public final class TokenRoutes implements RouteGroup {

    private final ApiTokens tokens;

    public TokenRoutes(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.POST, "/api/v1/tokens", Set.of(), (ctx, role) -> token(ctx));
    }

    private Object token(RoutingContext ctx) {
        Map<String, Object> body = JsonBody.jsonBody(ctx);
        String name = JsonBody.text(body, "name");
        String roleId = JsonBody.text(body, "role");
        Role role = Role.of(roleId).orElseThrow(() -> Problem.badRequest("role", "field 'role': '" + roleId
                + "' is not a role; use one of admin, engineer, operator, billing, read-only"));
        return Map.of("name", name, "role", role.id(), "token", tokens.create(name, role));
    }
}
