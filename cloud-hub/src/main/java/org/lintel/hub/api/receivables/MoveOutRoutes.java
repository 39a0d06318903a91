package org.lintel.hub.api.receivables;

import static org.lintel.hub.api.billing.BillingRoutes.act;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lintel.hub.api.http.Admits;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.JsonBody;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.api.http.SitePaths;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.MoveOut;
import org.lintel.hub.billing.MoveOuts;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.billing.export.ChineseFont;
import org.lintel.hub.receivables.HandoverForm;
import org.lintel.hub.receivables.Receivables;
import org.lintel.hub.receivables.Statement;

/**
 * Move-outs: settled by a billing clerk at an instant (the final bill issued at once, the account handed over), read
 * back with the final bill and the unit's balance, and printed as the meter handover form.
 */
public final class MoveOutRoutes implements RouteGroup {

    private final SitePaths sites;
    private final MoveOuts moveOuts;
    private final BillRuns runs;
    private final Billing billing;
    private final Receivables receivables;
    private final Function<String, String> siteName;

    public MoveOutRoutes(SitePaths sites, MoveOuts moveOuts, BillRuns runs, Billing billing, Receivables receivables, Function<String, String> siteName) {
        this.sites = sites;
        this.moveOuts = moveOuts;
        this.runs = runs;
        this.billing = billing;
        this.receivables = receivables;
        this.siteName = siteName;
    }

    @Override
    public void register(ApiRouter api) {
        String unitPath = "/api/v1/sites/:site/units/:unit/move-outs";
        api.route(HttpMethod.POST, unitPath, Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = unit(ctx, site);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            Instant at = Params.instant("at", JsonBody.text(body, "at"), sites.zone(site));
            String fromText = JsonBody.optionalText(body, "from");
            LocalDate from;
            try {
                from = fromText == null ? null : LocalDate.parse(fromText);
            } catch (DateTimeParseException e) {
                throw Problem.badRequest("from", "field 'from': the final bill's first day as yyyy-MM-dd, not '"
                        + (fromText.length() > 20 ? fromText.substring(0, 20) + "…" : fromText) + "'");
            }
            if (!(body.get("arriving") instanceof Map<?, ?> given)) {
                throw Problem.badRequest("arriving", "field 'arriving': who takes the unit over, {\"payer\": …, \"persons\": …}");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> arriving = (Map<String, Object>) given;
            Object persons = arriving.getOrDefault("persons", 1);
            if (!(persons instanceof Integer n)) {
                throw Problem.badRequest("arriving.persons", "field 'arriving.persons': the household's size, a whole number from 1 to 20");
            }
            Object tou = arriving.get("timeOfUse");
            List<String> items = null;
            if (arriving.get("feeItems") instanceof List<?> l) {
                items = new ArrayList<>();
                for (Object o : l) {
                    items.add(String.valueOf(o));
                }
            }
            MoveOut m = moveOuts.settle(site, sites.zone(site), unit, at, from, new MoveOuts.Arriving(text(arriving, "payer"), n,
                    tou instanceof Boolean b ? b : null, items), caller.name());
            return view(m);
        }));
        api.route(HttpMethod.GET, unitPath, Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            return moveOuts.list(site, unit(ctx, site));
        }));
        api.route(HttpMethod.GET, "/api/v1/move-outs/:id", Admits.BILL_READERS, (ctx, caller) -> act(() -> view(moveOut(ctx))));
        api.route(HttpMethod.GET, "/api/v1/move-outs/:id/handover", Admits.BILL_READERS, (ctx, caller) -> act(() -> handover(moveOut(ctx))));
    }

    private static String text(Map<String, Object> m, String field) {
        Object v = m.get(field);
        if (!(v instanceof String s) || s.isBlank() || s.length() > 100) {
            throw Problem.badRequest("arriving." + field, "field 'arriving." + field + "': the name the arriving occupant's bills carry, 1 to 100 characters");
        }
        return s;
    }

    /** The move-out with its final bill and the unit's statement as it stands now. */
    private Map<String, Object> view(MoveOut m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("moveOut", m);
        ReviewedBill bill = runs.bill(m.runId(), m.unit()).orElseThrow();
        out.put("finalBill", org.lintel.hub.api.billing.BillingRoutes.view(bill));
        Statement s = receivables.statement(m.site(), m.unit());
        out.put("balance", s.balance());
        out.put("lateFeesDue", s.lateFeesDue());
        return out;
    }

    private MoveOut moveOut(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no move-out '" + (id.length() > 40 ? id.substring(0, 40) : id) + "' (ids are numbers)");
        }
        MoveOut m = moveOuts.find(n).orElseThrow(() -> Problem.notFound("there is no move-out " + n));
        ApiRouter.requireSite(ctx, m.site(), "there is no move-out " + n);
        return m;
    }

    private ApiRouter.Download handover(MoveOut m) {
        java.nio.file.Path font = ChineseFont.file().orElseThrow(() -> new Problem(503, "Unavailable", "no Chinese font to print the form with; install"
                + " fonts-wqy-microhei or set LINTEL_CJK_FONT to a TrueType font", null));
        Premises where = billing.premises(m.site()).stream().filter(p -> p.unit().equals(m.unit())).findFirst().orElse(null);
        byte[] pdf;
        try {
            pdf = new HandoverForm(font).write(siteName.apply(m.site()), where != null ? where.room() : m.unit(), sites.zone(m.site()), m,
                    runs.bill(m.runId(), m.unit()).orElseThrow(), receivables.statement(m.site(), m.unit()));
        } catch (RuntimeException e) {
            throw new Problem(503, "Unavailable", e.getMessage() + "; set LINTEL_CJK_FONT to a TrueType (.ttf or .ttc) font", null);
        }
        return new ApiRouter.Download("application/pdf", "handover-" + m.site() + "-" + m.unit() + "-" + m.id() + ".pdf", pdf);
    }

    private String unit(RoutingContext ctx, String site) {
        String unit = ctx.pathParam("unit");
        if (billing.premises(site).stream().noneMatch(p -> p.unit().equals(unit))) {
            throw Problem.notFound("site " + site + " has no unit '" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit) + "'");
        }
        return unit;
    }
}
