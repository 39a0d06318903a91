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
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillingAccountStore;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.billing.export.BillExports;
import org.lintel.hub.billing.UnitBill;
import org.lintel.hub.usage.NoReadingsException;
import org.lintel.hub.usage.UsageRequestException;

/** A site's tariff file, billing accounts and the bills of a period computed from the readings (billing clerks). */
public final class BillingRoutes implements RouteGroup {

    private final SitePaths sites;
    private final Billing billing;
    private final BillRuns runs;
    private final BillExports exports;

    public BillingRoutes(SitePaths sites, Billing billing, BillRuns runs, BillExports exports) {
        this.sites = sites;
        this.billing = billing;
        this.runs = runs;
        this.exports = exports;
    }

    @Override
    public void register(ApiRouter api) {
        registerRuns(api);
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

    private void registerRuns(ApiRouter api) {
        api.route(HttpMethod.POST, "/api/v1/sites/:site/bill-runs", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            LocalDate from = date("from", JsonBody.text(body, "from"));
            LocalDate to = date("to", JsonBody.text(body, "to"));
            if (!from.isBefore(to) || from.plusYears(1).isBefore(to)) {
                throw Problem.badRequest("to", "field 'to' is after 'from' and at most a year later");
            }
            return runs.draft(site, sites.zone(site), from, to, caller.name());
        }));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/bill-runs", Admits.BILL_READERS, (ctx, caller) -> act(() -> runs.list(sites.site(ctx))));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", run);
            m.put("bills", runs.bills(run.id()).stream().map(BillingRoutes::view).toList());
            return m;
        }));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id/bills/:unit", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            String unit = ctx.pathParam("unit");
            Map<String, Object> bill = runs.bill(run.id(), unit).map(BillingRoutes::view).orElseThrow(() -> Problem.notFound("run " + run.id()
                    + " has no bill for unit '" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit) + "'"));
            bill.put("runState", run.state());
            return bill;
        }));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id/lines", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            return download(exports.lines(run, sites.zone(run.site()), format(ctx)));
        }));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id/invoice-lines", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            return download(exports.invoiceLines(run, sites.zone(run.site()), format(ctx)));
        }));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id/notices", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            String unit = Params.optional(ctx, "unit").orElse(null);
            String building = Params.optional(ctx, "building").orElse(null);
            if (unit != null && building != null) {
                throw Problem.badRequest("building", "give 'unit' (one notice) or 'building' (a building's), not both");
            }
            return download(exports.notices(run, sites.zone(run.site()), unit, building));
        }));
        api.route(HttpMethod.POST, "/api/v1/bill-runs/:id/overrides", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            return view(runs.override(run.id(), JsonBody.text(body, "unit"), JsonBody.text(body, "reason"), caller.name()));
        }));
        api.route(HttpMethod.POST, "/api/v1/bill-runs/:id/bills/:unit/credit-notes", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            return view(runs.creditNote(run.id(), ctx.pathParam("unit"), JsonBody.text(body, "feeItem"), yuan(JsonBody.text(body, "amount")),
                    JsonBody.text(body, "reason"), caller.name()));
        }));
        api.route(HttpMethod.POST, "/api/v1/bill-runs/:id/grid-bill", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            BillRun run = run(ctx);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            return runs.gridBill(run.id(), yuan(JsonBody.text(body, "amount")), JsonBody.text(body, "reference"), caller.name());
        }));
        // approving and issuing are a manager's (or another clerk's): never the person who computed the run
        api.route(HttpMethod.POST, "/api/v1/bill-runs/:id/approve", Admits.BILL_READERS, (ctx, caller) -> act(() -> runs.approve(run(ctx).id(), caller.name())));
        api.route(HttpMethod.POST, "/api/v1/bill-runs/:id/issue", Admits.BILL_READERS, (ctx, caller) -> act(() -> runs.issue(run(ctx).id(), caller.name())));
    }

    private BillRun run(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        BillRun run;
        try {
            run = runs.find(Long.parseLong(id)).orElseThrow(() -> Problem.notFound("there is no bill run " + id));
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no bill run '" + (id.length() > 40 ? id.substring(0, 40) : id) + "' (ids are numbers)");
        }
        ApiRouter.requireSite(ctx, run.site(), "there is no bill run " + id);
        ApiRouter.site(ctx, run.site());
        ApiRouter.before(ctx, run);
        return run;
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
        m.put("anomalies", b.anomalies());
        return m;
    }

    private static java.math.BigDecimal yuan(String amount) {
        try {
            return new java.math.BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("amount", "field 'amount': yuan and fen as text, e.g. \"12480.35\"");
        }
    }

    private static BillExports.Format format(RoutingContext ctx) {
        String f = Params.optional(ctx, "format").orElse("csv");
        return switch (f) {
            case "csv" -> BillExports.Format.CSV;
            case "xlsx" -> BillExports.Format.XLSX;
            default -> throw Problem.badRequest("format", "parameter 'format': csv or xlsx, not '" + (f.length() > 20 ? f.substring(0, 20) + "…" : f) + "'");
        };
    }

    private static ApiRouter.Download download(BillExports.File f) {
        return new ApiRouter.Download(f.contentType(), f.fileName(), f.body());
    }

    /** A bill as the API shows it: its lines, total, anomalies, overrides, flags, notes and balance. */
    public static Map<String, Object> view(ReviewedBill r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.putAll(view(r.bill()));
        m.put("anomalies", r.openAnomalies());
        m.put("overridden", r.overrides());
        m.put("flags", r.flags());
        m.put("creditNotes", r.creditNotes());
        m.put("balance", r.balance());
        return m;
    }

    private static LocalDate date(RoutingContext ctx, String name) {
        return date(name, Params.required(ctx, name));
    }

    private static LocalDate date(String name, String v) {
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

    /** What a route does, in terms of the billing and receivables domains. */
    @FunctionalInterface
    public interface Action {
        Object run() throws Exception;
    }

    /** Runs a route's action, answering the domains' refusals as problems (400, 404, 409, 422, 503). */
    public static Object act(Action a) throws Exception {
        try {
            return a.run();
        } catch (BillingException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case INVALID_FILE -> 422;
                case CONFLICT -> 409;
                case UNAVAILABLE -> 503;
            };
            org.lintel.check.Problems p = new org.lintel.check.Problems();
            e.problems().forEach(x -> p.add(x));
            throw new Problem(status, status == 422 ? "Invalid tariff file" : status == 404 ? "Not found" : status == 409 ? "Conflict" : status == 503 ? "Unavailable" : "Bad request", e.getMessage(),
                    status == 422 ? FileProblems.of(p) : e.field() == null ? null : List.of(Map.of("field", e.field(), "message", e.getMessage())));
        } catch (UsageRequestException e) {
            throw new Problem(409, "Meters do not fit the tariff", e.getMessage(), null);
        } catch (NoReadingsException e) {
            throw new Problem(409, "No readings", e.getMessage(), null);
        }
    }

}
