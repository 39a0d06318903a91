package org.lintel.hub.api.auth;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.auth.Account;
import org.lintel.hub.auth.Accounts;
import org.lintel.hub.auth.Role;
import org.lintel.hub.auth.SiteScope;

/** Staff accounts, kept by admins: create, change role and sites, disable, reset a password. */
public final class AccountRoutes implements RouteGroup {

    private final Accounts accounts;
    private final Grants grants;

    public AccountRoutes(Accounts accounts, Supplier<Set<String>> knownSites) {
        this.accounts = accounts;
        this.grants = new Grants(knownSites);
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.GET, "/api/v1/accounts", Admits.ADMINS, (ctx, caller) -> accounts.list().stream().map(Grants::view).toList());
        api.route(HttpMethod.GET, "/api/v1/accounts/:username", Admits.ADMINS, (ctx, caller) -> Grants.view(account(ctx)));
        api.route(HttpMethod.POST, "/api/v1/accounts", Admits.ADMINS, (ctx, caller) -> {
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            Object mustChange = body.getOrDefault("mustChangePassword", Boolean.TRUE);
            if (!(mustChange instanceof Boolean)) {
                throw Problem.badRequest("mustChangePassword", "field 'mustChangePassword' is true or false");
            }
            Account a = accounts.create(new Accounts.NewAccount(JsonBody.text(body, "username"), JsonBody.text(body, "displayName"),
                    Grants.role(body.get("role")), grants.sites(body.get("sites")), JsonBody.text(body, "password"), (Boolean) mustChange));
            ctx.response().setStatusCode(201);
            return Grants.view(a);
        });
        api.route(HttpMethod.PATCH, "/api/v1/accounts/:username", Admits.ADMINS, (ctx, caller) -> {
            Account before = account(ctx);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            Set<String> known = Set.of("displayName", "role", "sites", "disabled");
            body.keySet().stream().filter(k -> !known.contains(k)).findFirst().ifPresent(k -> {
                throw Problem.badRequest(k, "field '" + Grants.shorten(k) + "' cannot be changed here; fields: " + known
                        + " (a password is reset with POST …/password)");
            });
            Object disabled = body.get("disabled");
            if (disabled != null && !(disabled instanceof Boolean)) {
                throw Problem.badRequest("disabled", "field 'disabled' is true or false");
            }
            if (Boolean.TRUE.equals(disabled) && before.username().equals(caller.name())) {
                throw Problem.badRequest("disabled", "an admin cannot disable their own account");
            }
            Role role = body.containsKey("role") ? Grants.role(body.get("role")) : null;
            SiteScope scope = body.containsKey("sites") ? grants.sites(body.get("sites")) : null;
            ApiRouter.before(ctx, Grants.view(before));
            return Grants.view(accounts.update(before.username(), JsonBody.optionalText(body, "displayName"), role, scope, (Boolean) disabled));
        });
        api.route(HttpMethod.POST, "/api/v1/accounts/:username/password", Admits.ADMINS, (ctx, caller) -> {
            Account a = account(ctx);
            accounts.setPassword(a.username(), JsonBody.text(JsonBody.jsonBody(ctx), "password"), true);
            return Map.of("username", a.username(), "mustChangePassword", true, "sessionsEnded", true);
        });
    }

    private Account account(RoutingContext ctx) {
        String name = ctx.pathParam("username");
        return accounts.find(name).orElseThrow(() -> Problem.notFound("there is no account '" + Grants.shorten(name) + "'"));
    }
}
