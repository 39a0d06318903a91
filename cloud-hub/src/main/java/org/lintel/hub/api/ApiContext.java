package org.lintel.hub.api;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.lintel.hub.alarm.AlarmEngine;
import org.lintel.hub.alarm.AlarmKpis;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.metrics.HubMetrics;
import org.lintel.hub.registry.RegistryStore;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.status.StatusBoard;
import org.lintel.hub.timeseries.TimeSeriesStore;
import org.lintel.hub.usage.ConsumptionCalculator;
import org.lintel.profile.ProfileLibrary;

/** What the API's routes work with; {@code refresh} rebuilds the site directory after an import. */
public record ApiContext(RegistryStore registry, TimeSeriesStore store, StatusBoard status, HubMetrics metrics, ProfileLibrary profiles,
                         ConsumptionCalculator consumption, ApiTokens tokens, AlarmEngine alarms, AlarmStore alarmStore, AlarmKpis alarmKpis,
                         Supplier<SiteDirectory> directory, Runnable refresh,
                         Clock clock, org.lintel.hub.alarm.AckLinks ackLinks, java.util.List<org.lintel.hub.alarm.Escalator.Route> onCallGroups) {

    Map<String, Object> health() {
        String db;
        try {
            registry.rows("select 1 as ok");
            db = "up";
        } catch (RuntimeException e) {
            db = "down: " + e.getMessage();
        }
        return Map.of("status", "up".equals(db) ? "up" : "degraded", "database", db, "timeSeries", store.kind(),
                "pointsStored", metrics.pointsStored());
    }

    /** The site id of the request's path, which must exist (404 otherwise). */
    String site(io.vertx.ext.web.RoutingContext ctx) {
        String id = ctx.pathParam("site");
        if (directory.get().site(id).isEmpty()) {
            throw Problem.notFound("site '" + id + "' is not in the registry; import it with POST /api/v1/sites");
        }
        return id;
    }

    /** The site's time zone, for local times in queries. */
    java.time.ZoneId zone(String site) {
        return java.time.ZoneId.of(directory.get().site(site).orElseThrow().timeZone());
    }
}
