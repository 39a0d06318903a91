package org.lintel.hub.api.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.auth.Account;
import org.lintel.hub.auth.Accounts;
import org.lintel.hub.auth.Caller;
import org.lintel.hub.auth.Role;
import org.lintel.hub.auth.Sessions;

/**
 * Signing in and out of the console. The session id goes only into an HttpOnly, SameSite=Strict cookie (script on a
 * page cannot read it, another site cannot send it); the CSRF token comes in the answer, for the page's changes.
 */
public final class SessionRoutes implements RouteGroup {

    public static final Set<String> OPEN_TO_PASSWORD_CHANGE = Set.of("/api/v1/session", "/api/v1/session/password");

    private final Accounts accounts;
    private final Sessions sessions;
    private final boolean secureCookies;

    public SessionRoutes(Accounts accounts, Sessions sessions, boolean secureCookies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    @Override
    public void register(ApiRouter api) {
        Set<Role> everyone = Set.of(Role.values());
        api.publicRoute(HttpMethod.POST, "/api/v1/session", ctx -> signIn(api, ctx));
        api.route(HttpMethod.GET, "/api/v1/session", everyone, (ctx, caller) -> me(ctx, caller));
        api.route(HttpMethod.DELETE, "/api/v1/session", everyone, (ctx, caller) -> {
            Cookie c = ctx.request().getCookie(ApiRouter.SESSION_COOKIE);
            sessions.close(c == null ? null : c.getValue());
            ctx.response().addCookie(cookie("").setMaxAge(0));
            return Map.of("signedOut", true);
        });
        api.route(HttpMethod.POST, "/api/v1/session/password", everyone, (ctx, caller) -> {
            if (caller.kind() != Caller.Kind.ACCOUNT) {
                throw new Problem(409, "Conflict", "a token has no password; this is for people signed in to the console", null);
            }
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            accounts.changeOwnPassword(caller.name(), JsonBody.text(body, "currentPassword"), JsonBody.text(body, "newPassword"));
            // every session ended with the change; this one goes on under a new id
            return opened(ctx, accounts.find(caller.name()).orElseThrow());
        });
    }

    private Object signIn(ApiRouter api, RoutingContext ctx) {
        // a form of another site can post text/plain but not application/json without the browser asking first (CORS):
        // so another site cannot sign a visitor in to an account of its choosing (login CSRF)
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Problem(415, "Unsupported media type", "sign in with a JSON body and 'Content-Type: application/json'", null);
        }
        Map<String, Object> body = JsonBody.jsonBody(ctx);
        String username = JsonBody.text(body, "username");
        String password = JsonBody.text(body, "password");
        if (username.length() > 64 || password.length() > 1024) {
            throw new Problem(401, "Unauthorized", "the name or the password is not right", null);
        }
        Accounts.SignIn result = accounts.signIn(username, password);
        if (result instanceof Accounts.SignIn.SignedIn s) {
            api.record(username, "account", "sign-in", "/api/v1/session", null);
            return opened(ctx, s.account());
        }
        if (result instanceof Accounts.SignIn.Locked l) {
            api.record(username, "anonymous", "sign-in.locked", "/api/v1/session", Map.of("lockedUntil", l.until().toString()));
            long seconds = Math.max(1, java.time.Duration.between(java.time.Instant.now(), l.until()).toSeconds());
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            throw new Problem(429, "Too many attempts", "too many wrong passwords: the account is locked until " + l.until()
                    + "; an admin can reset the password to lift it", null);
        }
        api.record(username.length() > 64 ? username.substring(0, 64) : username, "anonymous", "sign-in.refused", "/api/v1/session", null);
        throw new Problem(401, "Unauthorized", "the name or the password is not right", null);
    }

    private Object opened(RoutingContext ctx, Account a) {
        Sessions.Opened s = sessions.open(a.username());
        ctx.response().addCookie(cookie(s.id()));
        Map<String, Object> m = view(a);
        m.put("csrfToken", s.csrfToken());
        m.put("expiresAt", s.expiresAt());
        m.put("idleMinutes", sessions.idle().toMinutes());
        return m;
    }

    private Object me(RoutingContext ctx, Caller caller) {
        if (caller.kind() == Caller.Kind.TOKEN) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", caller.name());
            m.put("kind", "token");
            m.put("role", caller.role().id());
            m.put("sites", caller.scope().asJson());
            return m;
        }
        Sessions.Live live = ctx.get("session");
        Map<String, Object> m = view(live.account());
        m.put("csrfToken", live.csrfToken());
        m.put("expiresAt", live.expiresAt());
        m.put("idleMinutes", sessions.idle().toMinutes());
        return m;
    }

    private static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("kind", "account");
        m.put("displayName", a.displayName());
        m.put("role", a.role().id());
        m.put("roleName", Map.of("zh", a.role().chinese(), "en", a.role().id()));
        m.put("sites", a.scope().asJson());
        m.put("mustChangePassword", a.mustChangePassword());
        return m;
    }

    private Cookie cookie(String value) {
        return Cookie.cookie(ApiRouter.SESSION_COOKIE, value).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/").setSecure(secureCookies);
    }
}
