package org.lintel.hub.api.http;

import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.lintel.hub.registry.SiteDirectory;

/** The {@code :site} of a request's path, which must be in the registry (404 otherwise), and the site's time zone. */
public final class SitePaths {

    private final Supplier<SiteDirectory> directory;
    private final org.lintel.hub.core.SiteScope scope;

    public SitePaths(Supplier<SiteDirectory> directory) {
        this(directory, org.lintel.hub.core.SiteScope.ALL);
    }

    /** Paths of a hub instance that takes only the sites in {@code scope}: another site's requests are misdirected (421). */
    public SitePaths(Supplier<SiteDirectory> directory, org.lintel.hub.core.SiteScope scope) {
        this.directory = directory;
        this.scope = scope;
    }

    public String site(RoutingContext ctx) {
        String id = ctx.pathParam("site");
        if (!scope.owns(id)) {
            throw Problem.misdirected(id, scope);
        }
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
