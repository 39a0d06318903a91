package org.lintel.hub.api.usage;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.auth.Role;
import org.lintel.hub.usage.MeterUsage;
import org.lintel.hub.usage.NoReadingsException;
import org.lintel.hub.usage.UsageRequestException;

/**
 * The metered-usage feed: consumption of a counter between two instants for a unit, common area or building (over
 * every meter that served it) or for one meter.
 */
public final class UsageRoutes implements RouteGroup {

    private final SitePaths sites;
    private final MeterUsage usage;

    public UsageRoutes(SitePaths sites, MeterUsage usage) {
        this.sites = sites;
        this.usage = usage;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.GET, "/api/v1/sites/:site/consumption", Admits.USAGE_READERS, (ctx, caller) -> consumption(ctx));
    }

    private Object consumption(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        String target = Params.required(ctx, "target");
        String point = Params.required(ctx, "point");
        Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
        Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
        Params.ordered(from, to);
        try {
            return usage.consumption(site, target, point, from, to);
        } catch (UsageRequestException e) {
            throw Problem.badRequest(e.field(), e.getMessage());
        } catch (NoReadingsException e) {
            throw new Problem(409, "No readings", e.getMessage(), null);
        }
    }
}
