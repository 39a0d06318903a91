package org.lintel.hub.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RequestSchemas;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SecurityHeaders;
import org.lintel.hub.api.auth.SessionRoutes;
import org.lintel.hub.audit.Change;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Sessions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP face on Vert.x: the route groups of each domain under {@code /api/v1}, the OpenAPI document and the
 * web console (static pages on the same API, no build step; the token is entered at sign-in).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final Router router;
    private final ApiRouter api;
    private volatile boolean https;
    private HttpServer server;

    public ApiServer(Vertx vertx, ApiTokens tokens, Sessions sessions, Consumer<Change> audit, int maxBodyBytes, List<RouteGroup> groups) {
        this(vertx, tokens, sessions, audit, maxBodyBytes, groups, org.lintel.hub.core.SiteScope.ALL);
    }

    /** {@code scope}: the sites this hub instance takes (see {@link ApiRouter#requireSite}). */
    public ApiServer(Vertx vertx, ApiTokens tokens, Sessions sessions, Consumer<Change> audit, int maxBodyBytes, List<RouteGroup> groups,
                     org.lintel.hub.core.SiteScope scope) {
        this.vertx = vertx;
        this.router = Router.router(vertx);
        router.route().handler(ctx -> {
            SecurityHeaders.add(ctx.response().headers(), ctx.request().path().startsWith("/api/"), https);
            ctx.next();
        });
        // the API takes files and JSON, never forms: a body sent as a form (curl --data-binary's default content type)
        // is read as it is instead of being decoded as form fields, which refused a site or profile file with a bare
        // "Bad Request"; the acknowledgement pages (/ack) are real forms and keep their decoding
        router.route("/api/*").handler(ctx -> {
            String type = ctx.request().getHeader("content-type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                ctx.request().headers().set("content-type", "application/octet-stream");
            }
            ctx.next();
        });
        router.route().handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
        String openapi = resource("openapi.yaml");
        router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(openapi));
        api = new ApiRouter(router, tokens, sessions, audit, SessionRoutes.OPEN_TO_PASSWORD_CHANGE, new RequestSchemas(openapi), scope);
        groups.forEach(g -> g.register(api));
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        // ECharts from its WebJar, under one versionless name so that the page need not change when the version does
        router.route("/console/vendor/*").handler(StaticHandler.create(echartsFolder()).setMaxAgeSeconds(86_400)
                .setDefaultContentEncoding("UTF-8"));
        router.route("/console/*").handler(StaticHandler.create("org/lintel/hub/console").setCachingEnabled(false).setDefaultContentEncoding("UTF-8"));
        router.route("/api/*").handler(ctx -> ApiRouter.send(ctx, new Problem(404, "Not found", "no API endpoint " + ctx.request().method() + " "
                + ctx.request().path() + "; see /api/v1/openapi.yaml", null)));
        // what Vert.x itself refuses (a body over the limit, a body that cannot be decoded) is answered as a problem too
        router.route().failureHandler(ctx -> {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            if (ctx.response().ended()) {
                return;
            }
            if (status == 413) {
                ApiRouter.send(ctx, new Problem(413, "Too large", "the body is over " + maxBodyBytes + " bytes, the most this hub takes", null));
            } else if (status >= 500) {
                String id = java.util.UUID.randomUUID().toString().substring(0, 8);
                LOG.error("event=http-failure id={} path={}", id, ctx.request().path(), ctx.failure());
                ApiRouter.send(ctx, new Problem(500, "Internal error", "the hub failed to answer this request; the log has it as error " + id, null));
            } else {
                ApiRouter.send(ctx, new Problem(status, "Bad request", "the request could not be read (HTTP " + status + ")", null));
            }
        });
    }

    public void listen(String host, int port) {
        listen(host, port, null, null);
    }

    /** Over HTTPS when {@code cert} and {@code key} (PEM) are given; browsers are then told to stay on HTTPS (HSTS). */
    public void listen(String host, int port, java.nio.file.Path cert, java.nio.file.Path key) {
        io.vertx.core.http.HttpServerOptions options = new io.vertx.core.http.HttpServerOptions();
        if (cert != null) {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
            https = true;
        }
        try {
            server = vertx.createHttpServer(options).requestHandler(router).listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP API cannot listen on " + host + ":" + port + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
        LOG.info("event=api-listening host={} port={} tls={}", host, server.actualPort(), https);
    }

    public List<ApiRouter.RouteInfo> routes() {
        return api.routes();
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

    /** Where the ECharts WebJar keeps its build, found through the version its Maven metadata gives. */
    private static String echartsFolder() {
        try (java.io.InputStream in = ApiServer.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the class path (org.webjars.npm:echarts)");
            }
            p.load(in);
            return "META-INF/resources/webjars/echarts/" + p.getProperty("version") + "/dist";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
