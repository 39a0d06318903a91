package org.lintel.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP face on Vert.x: {@code /health}, Prometheus {@code /metrics}, the OpenAPI document and the REST API
 * under {@code /api/v1}. Every API route names the roles it admits and checks the bearer token before anything else;
 * handlers run on worker threads (they query PostgreSQL and the store) and answer JSON or RFC 9457 problems.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final ObjectMapper JSON = jsonMapper();

    /** Exact decimals (readings, usage) are written as strings, so that no client rounds them through a double. */
    private static ObjectMapper jsonMapper() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);
        m.configOverride(java.math.BigDecimal.class).setFormat(com.fasterxml.jackson.annotation.JsonFormat.Value.forShape(
                com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING));
        return m;
    }

    /** A handler that returns what to send: an object for JSON, or a {@link Text} for other media types. */
    interface Handler {
        Object handle(RoutingContext ctx, Role role) throws Exception;
    }

    /** A non-JSON answer. */
    record Text(int status, String contentType, String body) {
    }

    private final Vertx vertx;
    private final Router router;
    private final ApiTokens tokens;
    private HttpServer server;

    public ApiServer(Vertx vertx, ApiTokens tokens, ApiContext context, int maxBodyBytes) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
        router.get("/health").blockingHandler(ctx -> send(ctx, context.health()), false);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4").end(context.metrics().prometheus()));
        String openapi = resource("openapi.yaml");
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openapi));
        new SiteRoutes(context).register(this);
        new ReadingRoutes(context).register(this);
        new UsageRoutes(context).register(this);
        new AlarmRoutes(context).register(this);
        new AckLinkRoutes(context).register(router);
        // the web console: static pages on the same API, no build step; the token is entered at sign-in
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*").handler(io.vertx.ext.web.handler.StaticHandler.create("org/lintel/hub/console").setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
        router.route("/api/*").handler(ctx -> send(ctx, new Problem(404, "Not found", "no API endpoint " + ctx.request().method() + " "
                + ctx.request().path() + "; see /api/v1/openapi.yaml", null)));
    }

    /** Registers a route admitting {@code roles} (admin always). */
    void route(HttpMethod method, String path, Set<Role> roles, Handler handler) {
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

    static void send(RoutingContext ctx, Object result) {
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

    public void listen(String host, int port) {
        try {
            server = vertx.createHttpServer().requestHandler(router).listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP API cannot listen on " + host + ":" + port + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        LOG.info("event=api-listening host={} port={}", host, server.actualPort());
    }

    public int port() {
        return server.actualPort();
    }

    private static String resource(String name) {
        try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
