package org.lintel.hub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.lintel.hub.registry.MeterAssignment;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.hub.usage.NoReadingsException;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;

/**
 * The metered-usage feed: consumption of a counter between two instants for a unit, common area or building (over
 * every meter that served it) or for one meter.
 */
final class UsageRoutes {

    private final ApiContext c;

    UsageRoutes(ApiContext context) {
        this.c = context;
    }

    void register(ApiServer api) {
        api.route(HttpMethod.GET, "/api/v1/sites/:site/consumption", Set.of(Role.ENGINEER, Role.BILLING), (ctx, role) -> consumption(ctx));
    }

    private Object consumption(RoutingContext ctx) {
        String site = c.site(ctx);
        ZoneId zone = c.zone(site);
        String target = Params.required(ctx, "target");
        String point = Params.required(ctx, "point");
        Instant from = Params.instant("from", Params.required(ctx, "from"), zone);
        Instant to = Params.instant("to", Params.required(ctx, "to"), zone);
        if (!from.isBefore(to)) {
            throw Problem.badRequest("from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        SiteDirectory dir = c.directory().get();
        List<MeterAssignment> assignments = c.registry().assignments(site, target).stream()
                .filter(a -> dir.device(site, a.device()).map(d -> profile(d).point(point).isPresent()).orElse(false))
                .toList();
        if (assignments.isEmpty()) {
            SiteDirectory.DeviceEntry meter = dir.device(site, target).orElseThrow(() -> Problem.badRequest("target", "parameter 'target': '"
                    + target + "' is neither a device nor a unit, common area or building with a meter that has point '" + point + "'"));
            // a single meter's own consumption: one open-ended assignment from the beginning of time
            assignments = List.of(new MeterAssignment(0, site, meter.id(), "device", meter.id(), Instant.EPOCH, null, null, null, null));
        }
        SiteDirectory.DeviceEntry first = dir.device(site, assignments.get(0).device()).orElseThrow();
        Point p = profile(first).point(point).orElseThrow(() -> Problem.badRequest("point", "parameter 'point': device " + first.id()
                + " (profile " + first.profile() + ") has no point '" + point + "'"));
        if (p.kind() != org.lintel.profile.PointKind.COUNTER) {
            throw Problem.badRequest("point", "parameter 'point': '" + point + "' is a " + p.kind().name().toLowerCase()
                    + ", not a counter; consumption is defined for counters such as energy.import.total");
        }
        BigDecimal rollover = p.canonicalRollover().orElse(null);
        String unit = p.canonicalUnit().map(u -> u.id()).orElse(null);
        try {
            return c.consumption().calculate(site, target, point, unit, rollover, assignments, from, to);
        } catch (NoReadingsException e) {
            throw new Problem(409, "No readings", e.getMessage(), null);
        }
    }

    private DeviceProfile profile(SiteDirectory.DeviceEntry d) {
        return c.profiles().find(d.profile()).orElseThrow(() -> new Problem(500, "Unknown profile", "profile '" + d.profile()
                + "' of device " + d.id() + " is not in the hub's library", null));
    }
}
