package org.lintel.hub.api.receivables;

import static org.lintel.hub.api.billing.BillingRoutes.act;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Function;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.receivables.reminders.Reminders;

/** Payment reminders: the site's policy, a unit's payer contact and opt-out, the reminder log, a pass sent now. */
public final class ReminderRoutes implements RouteGroup {

    private final SitePaths sites;
    private final Reminders reminders;
    private final Function<String, java.util.Set<String>> units;

    public ReminderRoutes(SitePaths sites, Reminders reminders, Function<String, java.util.Set<String>> units) {
        this.sites = sites;
        this.reminders = reminders;
        this.units = units;
    }

    @Override
    public void register(ApiRouter api) {
        String sitePath = "/api/v1/sites/:site";
        api.route(HttpMethod.PUT, sitePath + "/reminder-policy", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            reminders.putPolicy(site, JsonBody.jsonBody(ctx), caller.name());
            return reminders.policy(site).orElseThrow();
        }));
        api.route(HttpMethod.GET, sitePath + "/reminder-policy", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            return reminders.policy(site).orElseThrow(() -> Problem.notFound("site " + site + " has no reminder policy; PUT one first"));
        }));
        api.route(HttpMethod.PUT, sitePath + "/units/:unit/contact", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = unit(ctx, site);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            return reminders.putContact(site, unit, JsonBody.optionalText(body, "phone"), JsonBody.optionalText(body, "email"),
                    JsonBody.optionalText(body, "appUser"), JsonBody.optionalText(body, "language"), Boolean.TRUE.equals(body.get("optOut")),
                    JsonBody.optionalText(body, "note"), caller.name());
        }));
        api.route(HttpMethod.GET, sitePath + "/units/:unit/contact", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = unit(ctx, site);
            return reminders.contacts(site, unit).stream().findFirst().orElseThrow(() -> Problem.notFound("unit " + unit + " has no payer contact"));
        }));
        api.route(HttpMethod.GET, sitePath + "/reminders", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = Params.optional(ctx, "unit").orElse(null);
            if (unit != null && !units.apply(site).contains(unit)) {
                throw Problem.notFound("site " + site + " has no unit '" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit) + "'");
            }
            return reminders.log(site, unit, Params.integer(ctx, "limit", 200, 5000));
        }));
        // a clerk need not wait for the scheduler's next pass; the same rules apply (quiet hours, interval, opt-out)
        api.route(HttpMethod.POST, sitePath + "/reminders/send", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> reminders.sendDue(sites.site(ctx))));
    }

    private String unit(RoutingContext ctx, String site) {
        String unit = ctx.pathParam("unit");
        if (!units.apply(site).contains(unit)) {
            throw Problem.notFound("site " + site + " has no unit '" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit) + "'");
        }
        return unit;
    }
}
