package org.lintel.hub.api.telemetry;

import io.vertx.ext.web.Router;
import java.util.Map;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.registry.Listings;
import org.lintel.hub.telemetry.timeseries.TimeSeriesStore;

/** {@code /health} (is the database reachable, which store, how much was stored) and Prometheus {@code /metrics}; no token. */
public final class HealthRoutes implements RouteGroup {

    private final Listings listings;
    private final TimeSeriesStore store;
    private final HubMetrics metrics;

    public HealthRoutes(Listings listings, TimeSeriesStore store, HubMetrics metrics) {
        this.listings = listings;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void register(ApiRouter api) {
        Router router = api.vertx();
        router.get("/health").blockingHandler(ctx -> ApiRouter.send(ctx, health()), false);
        router.get("/metrics").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; version=0.0.4").end(metrics.prometheus()));
    }

    private Map<String, Object> health() {
        String db;
        try {
            db = listings.reachable() ? "up" : "down";
        } catch (RuntimeException e) {
            db = "down: " + e.getMessage();
        }
        return Map.of("status", "up".equals(db) ? "up" : "degraded", "database", db, "timeSeries", store.kind(),
                "pointsStored", metrics.pointsStored());
    }
}
