package org.lintel.hub.api.telemetry;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.UploadedText;
import org.lintel.hub.telemetry.manual.ManualReadings;

/** Meter readings entered by people (手工抄表), imported from a CSV (facilities engineers and billing clerks). */
public final class ManualReadingRoutes implements RouteGroup {

    private final SitePaths sites;
    private final ManualReadings readings;

    public ManualReadingRoutes(SitePaths sites, ManualReadings readings) {
        this.sites = sites;
        this.readings = readings;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.POST, "/api/v1/sites/:site/meter-readings", Admits.METER_CHANGERS, (ctx, caller) -> {
            String site = sites.site(ctx);
            String name = Params.optional(ctx, "name").orElse("readings.csv");
            String text = UploadedText.of(ctx, name, "readings file");
            try {
                ManualReadings.Result r = readings.importCsv(sites.directory().site(site).orElseThrow(), name, text);
                return Map.of("stored", r.stored(), "alreadyStored", r.alreadyStored());
            } catch (org.lintel.hub.core.RefusedFile e) {
                List<Map<String, Object>> errors = e.problems().stream().map(p -> Map.<String, Object>of("message", p)).toList();
                throw new Problem(422, "Readings refused", e.getMessage(), errors);
            }
        });
    }
}
