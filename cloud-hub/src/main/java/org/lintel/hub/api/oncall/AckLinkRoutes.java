package org.lintel.hub.api.oncall;


import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.api.http.RouteGroup;
import org.lintel.hub.oncall.AckLinks;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmEngine;
import org.lintel.hub.alarm.AlarmStore;
import org.lintel.hub.alarm.AlarmActionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages behind the signed acknowledgement links in SMS and e-mail: {@code GET /ack/{id}} shows the alarm and a
 * confirm button (messaging apps open links by themselves to preview them, so opening must not acknowledge);
 * {@code POST /ack/{id}} acknowledges as {@code link:{person}}. No API token is needed: the signature is the proof.
 */
public final class AckLinkRoutes implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(AckLinkRoutes.class);
    private final AckLinks links;
    private final AlarmStore store;
    private final AlarmEngine alarms;

    private final java.util.function.Consumer<org.lintel.hub.audit.Change> audit;

    public AckLinkRoutes(AckLinks links, AlarmStore store, AlarmEngine alarms, java.util.function.Consumer<org.lintel.hub.audit.Change> audit) {
        this(links, store, alarms, audit, org.lintel.hub.core.SiteScope.ALL);
    }

    /** {@code scope}: the sites this hub instance takes; another instance's alarm is acknowledged there, not here. */
    public AckLinkRoutes(AckLinks links, AlarmStore store, AlarmEngine alarms, java.util.function.Consumer<org.lintel.hub.audit.Change> audit,
                         org.lintel.hub.core.SiteScope scope) {
        this.scope = scope;
        this.audit = audit;
        this.links = links;
        this.store = store;
        this.alarms = alarms;
    }

    private final org.lintel.hub.core.SiteScope scope;

    public void register(ApiRouter api) {
        Router router = api.vertx();
        router.get("/ack/:id").blockingHandler(ctx -> answer(ctx, false), false);
        router.post("/ack/:id").blockingHandler(ctx -> answer(ctx, true), false);
    }

    private void answer(RoutingContext ctx, boolean confirm) {
        if (links == null) {
            page(ctx, 404, "未启用 / Not enabled", "此集线器未启用确认链接。 / This hub does not issue acknowledgement links.");
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException bad) {
            page(ctx, 404, "无此报警 / No such alarm", "链接不完整。 / The link is incomplete.");
            return;
        }
        String by = param(ctx, "by");
        String exp = param(ctx, "exp");
        String sig = param(ctx, "sig");
        AckLinks.Verified v;
        try {
            v = links.verify(id, by, exp, sig);
        } catch (AckLinks.Refused r) {
            LOG.info("event=ack-link-refused alarm={} by={} reason=\"{}\"", id, by, r.getMessage());
            page(ctx, r.expired() ? 410 : 403, r.expired() ? "链接已过期 / Link expired" : "链接无效 / Invalid link",
                    (r.expired() ? "请在控制台确认。 / Please acknowledge in the console. " : "") + esc(r.getMessage()));
            return;
        }
        Alarm a = store.find(id).orElse(null);
        if (a == null) {
            page(ctx, 404, "无此报警 / No such alarm", "报警 #" + id + " 不存在。 / There is no alarm #" + id + ".");
            return;
        }
        if (!scope.owns(a.site())) {
            page(ctx, 421, "请使用本小区的链接 / Another hub instance", "报警 #" + id + " 属于小区 " + esc(a.site())
                    + "，由另一个集线器实例处理；请使用通知中的链接或该实例的控制台。 / Alarm #" + id + " belongs to site " + esc(a.site())
                    + ", which another hub instance takes: use the link from its notification or that instance's console.");
            return;
        }
        String what = esc((a.labelZh() == null ? a.type() : a.labelZh()) + " / " + (a.labelEn() == null ? a.type() : a.labelEn())) + " · "
                + esc(a.device()) + " @ " + esc(a.site()) + " · " + esc(a.state().id());
        if (!confirm) {
            page(ctx, 200, "确认报警 / Acknowledge alarm #" + id, what + "<form method='post'>"
                    + "<input type='hidden' name='by' value='" + esc(by) + "'><input type='hidden' name='exp' value='" + esc(exp) + "'>"
                    + "<input type='hidden' name='sig' value='" + esc(sig) + "'>"
                    + "<p><label>备注 Note <input name='note' maxlength='200'></label></p>"
                    + "<button type='submit'>确认 / Acknowledge</button></form>");
            return;
        }
        Alarm done;
        Alarm before = store.find(id).orElse(null);
        try {
            done = alarms.acknowledge(id, "link:" + v.by(), form(ctx, "note"));
        } catch (AlarmActionException e) {
            page(ctx, 409, "无法确认 / Cannot acknowledge", esc(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            String ref = java.util.UUID.randomUUID().toString().substring(0, 8);
            LOG.error("event=ack-link-failed id={} alarm={}", ref, id, e);
            page(ctx, 500, "无法确认 / Cannot acknowledge", "内部错误，日志编号 " + ref + " / internal error, logged as " + ref);
            return;
        }
        try {
            audit.accept(new org.lintel.hub.audit.Change("link:" + v.by(), "link", done.site(), "POST /ack/:id", ctx.request().path(),
                    java.util.Map.of("note", String.valueOf(form(ctx, "note"))), before, done));
        } catch (RuntimeException e) {
            LOG.error("event=audit-write-failed actor=\"link:{}\" action=\"POST /ack/:id\" alarm={} reason=\"{}\"", v.by(), id,
                    String.valueOf(e.getMessage()).replace('"', '\''));
        }
        page(ctx, 200, "已确认 / Acknowledged", esc(done.device()) + " · #" + id + " · " + esc(done.state().id()) + " · " + esc(v.by()));
    }

    private static String param(RoutingContext ctx, String name) {
        String q = ctx.request().getParam(name);
        return q != null ? q : form(ctx, name);
    }

    private static String form(RoutingContext ctx, String name) {
        return ctx.request().getFormAttribute(name);
    }

    private static void page(RoutingContext ctx, int status, String title, String body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
                .end("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><meta name='viewport' content='width=device-width'>"
                        + "<title>Lintel</title></head><body><h1>" + esc(title) + "</h1><p>" + body + "</p></body></html>");
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
