package org.lintel.hub.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.lintel.hub.audit.Change;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.AuthException;
import org.lintel.hub.auth.Caller;
import org.lintel.hub.auth.Role;
import org.lintel.hub.auth.Sessions;
import org.lintel.hub.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where route groups register their endpoints. Every API route names the roles it admits; who calls is settled before
 * anything else (a machine token in {@code Authorization: Bearer}, or a console session cookie whose changes must carry
 * the session's CSRF token), then the role, then the site of a {@code :site} path. Handlers run on worker threads
 * (they query PostgreSQL and the store) and answer JSON or RFC 9457 problems; every change that succeeds is written
 * to the audit trail. No exception text leaves the server: an unexpected failure answers with an id to find it in
 * the log.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    public static final ObjectMapper JSON = jsonMapper();
    public static final String SESSION_COOKIE = "lintel_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Sent by the console's own refreshes, which must not keep an unattended session alive. */
    public static final String BACKGROUND_HEADER = "X-Lintel-Background";
    private static final String CALLER = "caller";
    private static final String AUDIT_BEFORE = "audit.before";
    private static final String AUDIT_SITE = "audit.site";
    private static final String AUDIT_SKIP = "audit.skip";
    private static final String SCOPE = "instance.scope";

    /** Exact decimals (readings, usage) are written as strings, so that no client rounds them through a double. */
    private static ObjectMapper jsonMapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.configOverride(java.math.BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        return m;
    }

    /** A handler that returns what to send: an object for JSON, or a {@link Text} for other media types. */
    @FunctionalInterface
    public interface Handler {
        Object handle(RoutingContext ctx, Caller caller) throws Exception;
    }

    /** A handler of a route open to anyone (signing in). */
    @FunctionalInterface
    public interface PublicHandler {
        Object handle(RoutingContext ctx) throws Exception;
    }

    /** A non-JSON answer. */
    public record Text(int status, String contentType, String body) {
    }

    /** A file to download (an export, a printable notice): saved under {@code fileName} by the browser. */
    public record Download(String contentType, String fileName, byte[] body) {
    }

    /** A registered API route and who it admits; {@code roles} is empty for a route open to anyone. */
    public record RouteInfo(String method, String path, Set<Role> roles) {
    }

    private final java.util.List<RouteInfo> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Router router;
    private final ApiTokens tokens;
    private final Sessions sessions;
    private final Consumer<Change> audit;
    private final Set<String> openToPasswordChange;
    private final RequestSchemas schemas;
    private final org.lintel.hub.core.SiteScope scope;

    public ApiRouter(Router router, ApiTokens tokens, Sessions sessions, Consumer<Change> audit, Set<String> openToPasswordChange,
                     RequestSchemas schemas) {
        this(router, tokens, sessions, audit, openToPasswordChange, schemas, org.lintel.hub.core.SiteScope.ALL);
    }

    /** {@code scope}: the sites this hub instance takes; a request about another site's alarm, bill run or payment gets 421. */
    public ApiRouter(Router router, ApiTokens tokens, Sessions sessions, Consumer<Change> audit, Set<String> openToPasswordChange,
                     RequestSchemas schemas, org.lintel.hub.core.SiteScope scope) {
        this.scope = scope;
        this.router = router;
        this.schemas = schemas;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
        this.openToPasswordChange = Set.copyOf(openToPasswordChange);
    }

    /** The Vert.x router, for pages outside the checked API (acknowledgement links, static files). */
    public Router vertx() {
        return router;
    }

    /** Every route registered so far, in order. */
    public java.util.List<RouteInfo> routes() {
        return java.util.List.copyOf(routes);
    }

    /** Who made this request (set before any handler runs). */
    public static Caller caller(RoutingContext ctx) {
        return ctx.get(CALLER);
    }

    /** The state before a change, for the audit trail. */
    public static void before(RoutingContext ctx, Object before) {
        ctx.put(AUDIT_BEFORE, before);
    }

    /** The site a change concerns when the path does not name it. */
    public static void site(RoutingContext ctx, String site) {
        ctx.put(AUDIT_SITE, site);
    }

    /** A request that changes nothing worth recording although it is not a GET (signing out). */
    public static void notAChange(RoutingContext ctx) {
        ctx.put(AUDIT_SKIP, Boolean.TRUE);
    }

    /**
     * Refuses with 404 a thing of a site the caller was not granted, as if it did not exist, and with 421 a thing of a
     * site another hub instance takes: its alarms, bills and payments have one writer, that instance.
     */
    public static void requireSite(RoutingContext ctx, String site, String what) {
        Caller c = caller(ctx);
        if (c != null && !c.mayUse(site)) {
            throw Problem.notFound(what);
        }
        org.lintel.hub.core.SiteScope s = ctx.get(SCOPE);
        if (s != null && !s.owns(site)) {
            throw Problem.misdirected(site, s);
        }
    }

    /** Registers a route admitting {@code roles} (admin always). */
    public void route(HttpMethod method, String path, Set<Role> roles, Handler handler) {
        EnumSet<Role> admitted = EnumSet.of(Role.ADMIN);
        admitted.addAll(roles);
        routes.add(new RouteInfo(method.name(), path, Set.copyOf(admitted)));
        router.route(method, path).blockingHandler(ctx -> {
            try {
                ctx.put(SCOPE, scope);
                Caller caller = authenticate(ctx, method, path);
                if (!admitted.contains(caller.role())) {
                    throw new Problem(403, "Forbidden", "role '" + caller.role().id() + "' may not " + method + " " + path + "; roles allowed: "
                            + admitted.stream().map(Role::id).toList(), null);
                }
                String site = path.contains(":site") ? ctx.pathParam("site") : null;
                if (site != null && !caller.mayUse(site)) {
                    throw new Problem(403, "Forbidden", caller.name() + " is not granted site '" + site + "'", null);
                }
                schemas.check(method.name(), path, ctx.request().getHeader("content-type"), bodyText(ctx));
                Object result = handler.handle(ctx, caller);
                if (method != HttpMethod.GET && method != HttpMethod.HEAD && ctx.get(AUDIT_SKIP) == null) {
                    record(ctx, caller, method, path, site, result);
                }
                send(ctx, result);
            } catch (Exception e) {
                fail(ctx, method, e);
            }
        }, false);
    }

    /** Registers a route anyone may call; changes are still recorded, as made by nobody known. */
    public void publicRoute(HttpMethod method, String path, PublicHandler handler) {
        routes.add(new RouteInfo(method.name(), path, Set.of()));
        router.route(method, path).blockingHandler(ctx -> {
            try {
                schemas.check(method.name(), path, ctx.request().getHeader("content-type"), bodyText(ctx));
                send(ctx, handler.handle(ctx));
            } catch (Exception e) {
                fail(ctx, method, e);
            }
        }, false);
    }

    /** Records a change made outside a registered route's success path (a refused sign-in, a lock-out). */
    public void record(String actor, String actorKind, String action, String subject, Object request) {
        audit.accept(new Change(actor, actorKind, null, action, subject, request, null, null));
    }

    /**
     * The change is made by now: a trail that cannot be written does not turn it into a failure for the caller, but
     * the log keeps who did what, so that the entry can be restored from it.
     */
    private void record(RoutingContext ctx, Caller caller, HttpMethod method, String path, String site, Object result) {
        String s = site != null ? site : ctx.get(AUDIT_SITE);
        String action = method.name() + " " + path;
        try {
            audit.accept(new Change(caller.name(), caller.kind().id(), s, action, ctx.request().path(), requestOf(ctx), ctx.get(AUDIT_BEFORE),
                    result instanceof Text t ? Map.of("status", t.status(), "contentType", t.contentType())
                            : result instanceof Download d ? Map.of("file", d.fileName(), "contentType", d.contentType(), "bytes", d.body().length) : result));
        } catch (RuntimeException e) {
            LOG.error("event=audit-write-failed actor=\"{}\" action=\"{}\" subject={} site={} reason=\"{}\"", caller.name().replace('"', '\''), action,
                    ctx.request().path(), s, String.valueOf(e.getMessage()).replace('"', '\''));
        }
    }

    /** The request as recorded: a JSON body as sent (secrets are redacted by the trail), a file by its size and hash. */
    private static Object requestOf(RoutingContext ctx) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!ctx.request().params().isEmpty()) {
            Map<String, String> q = new LinkedHashMap<>();
            ctx.request().params().forEach(e -> q.put(e.getKey(), e.getValue()));
            r.put("query", q);
        }
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body != null && !body.isBlank()) {
            try {
                r.put("body", JSON.readTree(body));
            } catch (IOException notJson) {
                r.put("file", Map.of("bytes", ctx.body().buffer().length(), "sha256", sha256(ctx.body().buffer().getBytes())));
            }
        }
        return r.isEmpty() ? null : r;
    }

    private static String bodyText(RoutingContext ctx) {
        return ctx.body() == null ? null : ctx.body().asString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private Caller authenticate(RoutingContext ctx, HttpMethod method, String path) {
        String auth = ctx.request().getHeader("Authorization");
        if (auth != null) {
            String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
            Caller caller = tokens.callerOf(token).orElseThrow(() -> new Problem(401, "Unauthorized",
                    token == null ? "send a token as 'Authorization: Bearer <token>'" : "the API token is unknown, expired or revoked", null));
            ctx.put(CALLER, caller);
            return caller;
        }
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        Optional<Sessions.Live> live = cookie == null ? Optional.empty()
                : sessions.find(cookie.getValue(), ctx.request().getHeader(BACKGROUND_HEADER) == null);
        if (live.isEmpty()) {
            throw new Problem(401, "Unauthorized", cookie == null ? "sign in (POST /api/v1/session) or send 'Authorization: Bearer <token>'"
                    : "the session has ended; sign in again", null);
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && !live.get().csrfMatches(ctx.request().getHeader(CSRF_HEADER))) {
            throw new Problem(403, "Forbidden", "a change from the console must carry the session's " + CSRF_HEADER + " header", null);
        }
        if (live.get().account().mustChangePassword() && !openToPasswordChange.contains(path)) {
            throw new Problem(403, "Forbidden", "choose a new password first (POST /api/v1/session/password)", null);
        }
        Caller caller = live.get().account().caller();
        ctx.put(CALLER, caller);
        ctx.put("session", live.get());
        return caller;
    }

    private static void fail(RoutingContext ctx, HttpMethod method, Exception e) {
        if (e instanceof Problem p) {
            send(ctx, p);
        } else if (e instanceof AuthException a) {
            int status = switch (a.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT, REFUSED -> 409;
            };
            send(ctx, new Problem(status, status == 400 ? "Bad request" : status == 404 ? "Not found" : "Conflict", a.getMessage(),
                    a.field() == null ? null : java.util.List.of(Map.of("field", a.field(), "message", a.getMessage()))));
        } else if (e instanceof StorageException s) {
            LOG.warn("event=api-storage-failed method={} path={} reason=\"{}\"", method, ctx.request().path(), s.getMessage().replace('"', '\''));
            send(ctx, new Problem(503, "Storage unavailable", "the hub's database did not answer; nothing was changed by this request's failed step,"
                    + " try again", null));
        } else {
            String id = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("event=api-error id={} method={} path={}", id, method, ctx.request().path(), e);
            send(ctx, new Problem(500, "Internal error", "the hub failed to answer this request; the log has it as error " + id, null));
        }
    }

    public static void send(RoutingContext ctx, Object result) {
        try {
            if (result instanceof Problem p) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", p.title());
                body.put("status", p.status());
                body.put("detail", p.getMessage());
                body.put("instance", ctx.request().path());
                if (!p.errors().isEmpty()) {
                    body.put("errors", p.errors());
                }
                ctx.response().setStatusCode(p.status()).putHeader("content-type", "application/problem+json").end(JSON.writeValueAsString(body));
            } else if (result instanceof Text t) {
                ctx.response().setStatusCode(t.status()).putHeader("content-type", t.contentType()).end(t.body());
            } else if (result instanceof Download d) {
                // RFC 6266: an ASCII fallback name and the real (Chinese) one percent-encoded
                String ascii = d.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
                String encoded = java.net.URLEncoder.encode(d.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
                ctx.response().putHeader("content-type", d.contentType())
                        .putHeader("content-disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                        .end(io.vertx.core.buffer.Buffer.buffer(d.body()));
            } else {
                ctx.response().putHeader("content-type", "application/json").end(JSON.writeValueAsString(result));
            }
        } catch (IOException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
