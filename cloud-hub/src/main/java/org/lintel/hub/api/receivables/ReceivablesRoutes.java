package org.lintel.hub.api.receivables;

import static org.lintel.hub.api.billing.BillingRoutes.act;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.lintel.hub.api.http.UploadedText;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.export.ChineseFont;
import org.lintel.hub.billing.export.Table;
import org.lintel.hub.billing.export.XlsxTable;
import org.lintel.hub.receivables.Adjustment;
import org.lintel.hub.receivables.Arrears;
import org.lintel.hub.receivables.CollectionRate;
import org.lintel.hub.receivables.OpenItem;
import org.lintel.hub.receivables.Payment;
import org.lintel.hub.receivables.PaymentMethod;
import org.lintel.hub.receivables.ReceiptPdf;
import org.lintel.hub.receivables.Receivables;

/** Payments, receipts, statements, refunds and write-offs, arrears and collection rates (billing clerks and managers). */
public final class ReceivablesRoutes implements RouteGroup {

    private final SitePaths sites;
    private final Receivables receivables;
    private final Billing billing;
    private final BillRuns runs;
    private final Function<String, String> siteName;

    public ReceivablesRoutes(SitePaths sites, Receivables receivables, Billing billing, BillRuns runs, Function<String, String> siteName) {
        this.sites = sites;
        this.receivables = receivables;
        this.billing = billing;
        this.runs = runs;
        this.siteName = siteName;
    }

    @Override
    public void register(ApiRouter api) {
        String unitPath = "/api/v1/sites/:site/units/:unit";
        api.route(HttpMethod.POST, unitPath + "/payments", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = unit(ctx, site);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            String method = JsonBody.text(body, "method");
            PaymentMethod m = PaymentMethod.byId(method).orElseThrow(() -> Problem.badRequest("method", "field 'method': one of " + PaymentMethod.ids()
                    + ", not '" + (method.length() > 30 ? method.substring(0, 30) + "…" : method) + "'"));
            String received = JsonBody.optionalText(body, "receivedAt");
            Instant at = received == null ? null : Params.instant("receivedAt", received, sites.zone(site));
            return receivables.pay(site, unit, new Receivables.PaymentRequest(amount(body), m, JsonBody.optionalText(body, "reference"), at,
                    JsonBody.optionalText(body, "payer"), bills(body)), caller.name());
        }));
        api.route(HttpMethod.GET, unitPath + "/payments", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            return receivables.payments(site, unit(ctx, site));
        }));
        api.route(HttpMethod.GET, unitPath + "/statement", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            var s = receivables.statement(site, unit(ctx, site));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", s.site());
            m.put("unit", s.unit());
            m.put("balance", s.balance());
            m.put("owed", s.owed());
            m.put("prepaid", s.prepaid());
            m.put("reconciles", s.reconciles());
            m.put("entries", s.entries());
            m.put("items", s.items());
            m.put("lateFees", s.lateFees());
            m.put("lateFeesDue", s.lateFeesDue());
            return m;
        }));
        api.route(HttpMethod.POST, unitPath + "/refunds", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String unit = unit(ctx, site);
            Map<String, Object> body = JsonBody.jsonBody(ctx);
            return receivables.requestRefund(site, unit, amount(body), JsonBody.optionalText(body, "reason"), caller.name());
        }));
        api.route(HttpMethod.POST, unitPath + "/write-offs", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> ofAFee(ctx, caller.name(), false)));
        api.route(HttpMethod.POST, unitPath + "/late-fee-waivers", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> ofAFee(ctx, caller.name(), true)));
        api.route(HttpMethod.POST, "/api/v1/sites/:site/channel-statements", Admits.BILLING_CLERKS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            String method = Params.required(ctx, "method");
            PaymentMethod m = PaymentMethod.byId(method).filter(x -> x != PaymentMethod.CASH).orElseThrow(() -> Problem.badRequest("method",
                    "parameter 'method': the channel whose statement this is: wechat, alipay, bank-transfer or card, not '"
                            + (method.length() > 30 ? method.substring(0, 30) + "…" : method) + "'"));
            String name = Params.optional(ctx, "name").orElse("statement.csv");
            String text = UploadedText.of(ctx, name, "statement file");
            try {
                return receivables.importStatement(site, m, name, text, sites.zone(site), caller.name());
            } catch (org.lintel.hub.core.RefusedFile e) {
                throw new Problem(422, "Statement refused", e.getMessage(), e.problems().stream().map(p -> Map.<String, Object>of("message", p)).toList());
            }
        }));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/adjustments", Admits.BILL_READERS, (ctx, caller) -> act(() -> receivables.pending(sites.site(ctx))));
        // a refund or write-off is decided by someone other than the clerk who asked (Receivables refuses the same person)
        api.route(HttpMethod.POST, "/api/v1/adjustments/:id/approve", Admits.BILL_READERS, (ctx, caller) -> act(() ->
                receivables.decide(adjustment(ctx).id(), true, caller.name())));
        api.route(HttpMethod.POST, "/api/v1/adjustments/:id/reject", Admits.BILL_READERS, (ctx, caller) -> act(() ->
                receivables.decide(adjustment(ctx).id(), false, caller.name())));
        api.route(HttpMethod.GET, "/api/v1/payments/:id", Admits.BILL_READERS, (ctx, caller) -> act(() -> payment(ctx)));
        api.route(HttpMethod.GET, "/api/v1/payments/:id/receipt", Admits.BILL_READERS, (ctx, caller) -> act(() -> receipt(payment(ctx))));
        api.route(HttpMethod.GET, "/api/v1/sites/:site/arrears", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String site = sites.site(ctx);
            Map<String, Premises> premises = premises(site);
            Map<String, String> payers = new HashMap<>();
            billing.accounts(site).forEach(a -> payers.put(a.unit(), a.payer()));
            Arrears a = Arrears.of(receivables.items(site), u -> premises.containsKey(u) ? premises.get(u).building() : "", payers::get,
                    LocalDate.now(sites.zone(site)));
            String format = Params.optional(ctx, "format").orElse("json");
            return switch (format) {
                case "json" -> a;
                case "xlsx" -> new ApiRouter.Download("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "arrears-" + site + "-" + a.asOf() + ".xlsx", XlsxTable.write(table(a, premises)));
                default -> throw Problem.badRequest("format", "parameter 'format': json or xlsx, not '" + (format.length() > 20 ? format.substring(0, 20) + "…"
                        : format) + "'");
            };
        }));
        api.route(HttpMethod.GET, "/api/v1/bill-runs/:id/collection", Admits.BILL_READERS, (ctx, caller) -> act(() -> {
            String id = ctx.pathParam("id");
            long run;
            try {
                run = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw Problem.notFound("there is no bill run '" + (id.length() > 40 ? id.substring(0, 40) : id) + "' (ids are numbers)");
            }
            var r = billingRun(ctx, run);
            Map<String, Premises> premises = premises(r.site());
            return CollectionRate.of(run, receivables.items(r.site()), u -> premises.containsKey(u) ? premises.get(u).building() : "");
        }));
    }

    /** A write-off of what a fee owes, or a waiver of its late fee: both name a fee item of a bill. */
    private Adjustment ofAFee(RoutingContext ctx, String by, boolean lateFee) {
        String site = sites.site(ctx);
        String unit = unit(ctx, site);
        Map<String, Object> body = JsonBody.jsonBody(ctx);
        long bill = id(body, "bill");
        String fee = JsonBody.text(body, "feeItem");
        String reason = JsonBody.optionalText(body, "reason");
        return lateFee ? receivables.requestWaiver(site, unit, bill, fee, amount(body), reason, by)
                : receivables.requestWriteOff(site, unit, bill, fee, amount(body), reason, by);
    }

    private BillRun billingRun(RoutingContext ctx, long id) {
        BillRun run = runs.find(id).orElseThrow(() -> Problem.notFound("there is no bill run " + id));
        ApiRouter.requireSite(ctx, run.site(), "there is no bill run " + id);
        return run;
    }

    private String unit(RoutingContext ctx, String site) {
        String unit = ctx.pathParam("unit");
        if (!premises(site).containsKey(unit)) {
            throw Problem.notFound("site " + site + " has no unit '" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit) + "'");
        }
        return unit;
    }

    private Map<String, Premises> premises(String site) {
        Map<String, Premises> out = new LinkedHashMap<>();
        billing.premises(site).forEach(p -> out.put(p.unit(), p));
        return out;
    }

    private Payment payment(RoutingContext ctx) {
        long id = pathId(ctx, "payment");
        Payment p = receivables.payment(id).orElseThrow(() -> Problem.notFound("there is no payment " + id));
        ApiRouter.requireSite(ctx, p.site(), "there is no payment " + id);
        return p;
    }

    private Adjustment adjustment(RoutingContext ctx) {
        long id = pathId(ctx, "adjustment");
        Adjustment a = receivables.adjustment(id).orElseThrow(() -> Problem.notFound("there is no adjustment " + id));
        ApiRouter.requireSite(ctx, a.site(), "there is no adjustment " + id);
        ApiRouter.site(ctx, a.site());
        ApiRouter.before(ctx, a);
        return a;
    }

    private static long pathId(RoutingContext ctx, String what) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.notFound("there is no " + what + " '" + (id.length() > 40 ? id.substring(0, 40) : id) + "' (ids are numbers)");
        }
    }

    private ApiRouter.Download receipt(Payment p) {
        java.nio.file.Path font = ChineseFont.file().orElseThrow(() -> new Problem(503, "Unavailable", "no Chinese font to print receipts with; install"
                + " fonts-wqy-microhei or set LINTEL_CJK_FONT to a TrueType font", null));
        Map<String, ReceiptPdf.PaidFor> paidFor = new HashMap<>();
        for (OpenItem i : receivables.items(p.site(), p.unit())) {
            paidFor.put(i.billId() + "/" + i.feeItem(), new ReceiptPdf.PaidFor(i.periodFrom() + " – " + i.periodTo().minusDays(1),
                    i.feeName() != null ? i.feeName() : i.feeItem()));
        }
        Premises where = premises(p.site()).get(p.unit());
        byte[] pdf;
        try {
            pdf = new ReceiptPdf(font).write(siteName.apply(p.site()), where != null ? where.room() : p.unit(), sites.zone(p.site()), p, paidFor);
        } catch (RuntimeException e) {
            throw new Problem(503, "Unavailable", e.getMessage() + "; set LINTEL_CJK_FONT to a TrueType (.ttf or .ttc) font", null);
        }
        return new ApiRouter.Download("application/pdf", "receipt-" + p.site() + "-" + p.receiptNo() + ".pdf", pdf);
    }

    private static BigDecimal amount(Map<String, Object> body) {
        Object v = body.get("amount");
        if (!(v instanceof String s)) {
            throw Problem.badRequest("amount", "field 'amount': yuan and fen as text, e.g. \"268.40\"");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("amount", "field 'amount': yuan and fen as text, e.g. \"268.40\"; found '" + (s.length() > 30 ? s.substring(0, 30) + "…" : s) + "'");
        }
    }

    private static long id(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw Problem.badRequest(field, "field '" + field + "': the bill's id, a whole number such as 20001");
    }

    private static List<Long> bills(Map<String, Object> body) {
        Object v = body.get("bills");
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.size() > 1000) {
            throw Problem.badRequest("bills", "field 'bills': a list of bill ids to pay first, e.g. [20001, 20417]");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
                throw Problem.badRequest("bills", "field 'bills': bill ids are whole numbers such as 20001; found " + o);
            }
            out.add(n.longValue());
        }
        return out;
    }

    /** The arrears export: a row per unit with its building, payer, each age band, total and oldest due date. */
    static Table table(Arrears a, Map<String, Premises> premises) {
        List<Table.Column> cols = new ArrayList<>(List.of(new Table.Column("楼栋 Building", Table.Type.TEXT), new Table.Column("房号 Unit", Table.Type.TEXT),
                new Table.Column("业主 Payer", Table.Type.TEXT)));
        Arrears.BANDS.forEach(b -> cols.add(new Table.Column(b, Table.Type.MONEY)));
        cols.add(new Table.Column("合计 Total", Table.Type.MONEY));
        cols.add(new Table.Column("最早到期 Oldest due", Table.Type.DATE));
        List<List<Object>> rows = new ArrayList<>();
        for (Arrears.Row r : a.units()) {
            Premises p = premises.get(r.unit());
            List<Object> row = new ArrayList<>(List.of(p != null ? p.room().split(" ")[0] : r.building(), p != null ? p.room() : r.unit(),
                    r.payer() == null ? "" : r.payer()));
            row.addAll(r.bands());
            row.add(r.total());
            row.add(r.oldestDue());
            rows.add(row);
        }
        return new Table("欠费账龄 Arrears " + a.asOf(), cols, rows);
    }
}
