package org.lintel.hub.api.billing;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.FileProblems;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.api.http.UploadedText;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillingAccountStore;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.UnitBill;
import org.lintel.hub.usage.NoReadingsException;
import org.lintel.hub.usage.UsageRequestException;

/** A site's tariff file, billing accounts and the bills of a period computed from the readings (billing clerks). */
public final class BillingRoutes implements RouteGroup {

    private final SitePaths sites;
    private final Billing billing;

    public BillingRoutes(SitePaths sites, Billing billing) {
        this.sites = sites;
        this.billing = billing;
    }

    @Override
    public void register(ApiRouter api) {
        api.route(HttpMethod.PUT, "/api/v1/sites/:site/tariff", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String name = Params.optional(ctx, "name").orElse(site + ".tariffs.yaml");
            var file = billing.uploadTariff(site, name, UploadedText.of(ctx, name, "tariff file"), caller.name());
            return Map.of("site", site, "feeItems", file.items().stream().map(i -> i.id()).toList());
        }));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/tariff", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            var src = billing.tariff(site).orElseThrow(() -> Problem.notFound("site " + site + " has no tariff file yet"));
            return new ApiRouter.Text(200, "application/yaml; charset=utf-8", src.text());
        }));
        api.route(HttpMethod.PUT, "/api/v1/sites/:site/billing-accounts", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            List<BillingAccountStore.Stored> given = new ArrayList<>();
            JsonAccounts.read(ctx).forEach(given::add);
            return billing.replaceAccounts(site, given);
        }));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/billing-accounts", Admits.BILL_READERS, (ctx, caller) -> act(() -> billing.accounts(sites.site(ctx))));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/bill-preview", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            LocalDate from = date(ctx, "from");
            LocalDate to = date(ctx, "to");
            if (!from.isBefore(to)) {
                throw Problem.badRequest("from", "parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
            }
            if (from.plusYears(1).isBefore(to)) {
                throw Problem.badRequest("to", "a bill period is at most a year");
            }
            return billing.preview(site, sites.zone(site), from, to).stream().map(BillingRoutes::view).toList();
        }));
    }

    private static Map<String, Object> view(UnitBill b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", b.unit());
        m.put("payer", b.payer());
        m.put("from", b.from().toString());
        m.put("to", b.to().toString());
        m.put("lines", b.lines());
        m.put("total", b.total());
        m.put("estimated", b.estimated());
        return m;
    }

    private static LocalDate date(RoutingContext ctx, String name) {
        String v = Params.required(ctx, name);
        try {
            LocalDate d = LocalDate.parse(v);
            if (d.getYear() < 1970 || d.getYear() >= 2200) {
                throw Problem.badRequest(name, "parameter '" + name + "': " + v + " is outside 1970 to 2200");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(name, "parameter '" + name + "': '" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "' is not a local date such as 2026-11-01");
        }
    }

    @FunctionalInterface
    private interface Action {
        Object run() throws Exception;
    }

    private static Object act(Action a) throws Exception {
        try {
            return a.run();
        } catch (BillingException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case INVALID_FILE -> 422;
            };
            org.lintel.check.Problems p = new org.lintel.check.Problems();
            e.problems().forEach(x -> p.add(x));
            throw new Problem(status, status == 422 ? "Invalid tariff file" : status == 404 ? "Not found" : "Bad request", e.getMessage(),
                    status == 422 ? FileProblems.of(p) : e.field() == null ? null : List.of(Map.of("field", e.field(), "message", e.getMessage())));
        } catch (UsageRequestException e) {
            throw new Problem(409, "Meters do not fit the tariff", e.getMessage(), null);
        } catch (NoReadingsException e) {
            throw new Problem(409, "No readings", e.getMessage(), null);
        }
    }

}
