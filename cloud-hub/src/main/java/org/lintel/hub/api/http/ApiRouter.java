package org.lintel.hub.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where route groups register their endpoints: every API route names the roles it admits and the bearer token is
 * checked before anything else; handlers run on worker threads (they query PostgreSQL and the store) and answer JSON
 * or RFC 9457 problems.
 */
public final class ApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
    public static final ObjectMapper JSON = jsonMapper();

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
        Object handle(RoutingContext ctx, Role role) throws Exception;
    }

    /** A non-JSON answer. */
    public record Text(int status, String contentType, String body) {
    }

    private final Router router;
    private final ApiTokens tokens;

    public ApiRouter(Router router, ApiTokens tokens) {
        this.router = router;
        this.tokens = tokens;
    }

    /** The Vert.x router, for pages outside the token-checked API (acknowledgement links, static files). */
    public Router vertx() {
        return router;
    }

    /** Registers a route admitting {@code roles} (admin always). */
    public void route(HttpMethod method, String path, Set<Role> roles, Handler handler) {
        EnumSet<Role> admitted = EnumSet.of(Role.ADMIN);
        admitted.addAll(roles);
        router.route(method, path).blockingHandler(ctx -> {
            try {
                String auth = ctx.request().getHeader("Authorization");
                String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
                ApiTokens.Caller caller = tokens.callerOf(token).orElseThrow(() -> new Problem(401, "Unauthorized",
                        token == null ? "send an API token as 'Authorization: Bearer <token>'" : "the API token is unknown or revoked", null));
                Role role = caller.role();
                ctx.put("caller", caller.name());
                if (!admitted.contains(role)) {
                    throw new Problem(403, "Forbidden", "role '" + role.id() + "' may not " + method + " " + path + "; roles allowed: "
                            + admitted.stream().map(Role::id).toList(), null);
                }
                send(ctx, handler.handle(ctx, role));
            } catch (Problem p) {
                send(ctx, p);
            } catch (Exception e) {
                LOG.warn("event=api-error method={} path={} reason=\"{}\"", method, ctx.request().path(), e.toString());
                send(ctx, new Problem(500, "Internal error", e.getMessage() == null ? e.toString() : e.getMessage(), null));
            }
        }, false);
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
            } else {
                ctx.response().putHeader("content-type", "application/json").end(JSON.writeValueAsString(result));
            }
        } catch (IOException e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
