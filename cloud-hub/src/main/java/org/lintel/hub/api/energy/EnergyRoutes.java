package org.lintel.hub.api.energy;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.energy.Losses;
import org.lintel.hub.usage.UsageRequestException;

/** Energy analysis over the site's meter tree: losses (线损 / 漏损) below each upstream meter. */
public final class EnergyRoutes implements RouteGroup {

    private final SitePaths sites;
    private final Losses losses;

    public EnergyRoutes(SitePaths sites, Losses losses) {
        this.sites = sites;
        this.losses = losses;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.GET, "/api/v1/sites/:site/energy/losses", Admits.USAGE_READERS, (ctx, caller) -> losses(ctx));
    }

    private Object losses(RoutingContext ctx) {
        String site = sites.site(ctx);
        ZoneId zone = sites.zone(site);
        Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
        Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
        Params.ordered(from, to);
        try {
            List<Losses.Loss> all = losses.between(site, from, to);
            return Map.of("site", site, "from", from.toString(), "to", to.toString(), "losses", all);
        } catch (UsageRequestException e) {
            throw Problem.badRequest(e.field(), e.getMessage());
        }
    }
}
