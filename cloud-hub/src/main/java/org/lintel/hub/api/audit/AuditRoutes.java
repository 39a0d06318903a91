package org.lintel.hub.api.audit;

import io.vertx.core.http.HttpMethod;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.audit.AuditEntry;
import org.lintel.hub.audit.AuditQuery;
import org.lintel.hub.audit.AuditTrail;

/** The audit trail, for admins: filtered by site, actor, action and time; as JSON or as CSV for a spreadsheet. */
public final class AuditRoutes implements RouteGroup {

    private final AuditTrail trail;

    public AuditRoutes(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.GET, "/api/v1/audit", Admits.ADMINS, (ctx, caller) -> {
            AuditQuery q = new AuditQuery(Params.optional(ctx, "site").orElse(null), Params.optional(ctx, "actor").orElse(null),
                    Params.optional(ctx, "action").orElse(null),
                    Params.optional(ctx, "from").map(t -> Params.instant("from", t, ZoneOffset.UTC)).orElse(null),
                    Params.optional(ctx, "to").map(t -> Params.instant("to", t, ZoneOffset.UTC)).orElse(null),
                    Params.integer(ctx, "limit", 500, 100_000));
            List<AuditEntry> entries = trail.read(q);
            String format = Params.optional(ctx, "format").orElse("json");
            return switch (format) {
                case "json" -> entries;
                case "csv" -> new ApiRouter.Text(200, "text/csv; charset=utf-8", AuditCsv.of(entries));
                default -> throw Problem.badRequest("format", "parameter 'format' is json or csv");
            };
        });
    }
}
