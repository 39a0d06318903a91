package org.lintel.hub.api.http;

import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.lintel.hub.registry.SiteDirectory;

/** The {@code :site} of a request's path, which must be in the registry (404 otherwise), and the site's time zone. */
public final class SitePaths {

    private final Supplier<SiteDirectory> directory;

    public SitePaths(Supplier<SiteDirectory> directory) {
        this.directory = directory;
    }

    public String site(RoutingContext ctx) {
        String id = ctx.pathParam("site");
        if (directory.get().site(id).isEmpty()) {
            throw Problem.notFound("site '" + id + "' is not in the registry; import it with POST /api/v1/sites");
        }
        return id;
    }

    /** The site's time zone, for local times in queries. */
    public ZoneId zone(String site) {
        return ZoneId.of(directory.get().site(site).orElseThrow().timeZone());
    }

    public SiteDirectory directory() {
        return directory.get();
    }
}
