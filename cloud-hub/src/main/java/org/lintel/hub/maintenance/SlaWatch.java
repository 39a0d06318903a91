package org.lintel.hub.maintenance;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the SLA deadlines of open work orders on the hub's clock: before the response deadline the assignee and the
 * on-call technician are warned, at it the route's next step hears (escalation); the same for the resolution
 * deadline, missed resolution going one step further. Each stage is reached once and stored, so a restart repeats none.
 */
public final class SlaWatch {

    private static final Logger LOG = LoggerFactory.getLogger(SlaWatch.class);

    private final WorkOrders orders;
    private final org.lintel.hub.core.SiteScope scope;

    public SlaWatch(WorkOrders orders) {
        this(orders, org.lintel.hub.core.SiteScope.ALL);
    }

    /** Watches only the orders of the sites this hub instance takes: each deadline is escalated by one instance. */
    public SlaWatch(WorkOrders orders, org.lintel.hub.core.SiteScope scope) {
        this.orders = orders;
        this.scope = scope;
    }

    /** One pass; returns how many orders reached a new stage. */
    public int tick() {
        Instant now = orders.clock().instant();
        int moved = 0;
        java.util.Map<String, MaintenanceSettings> settings = new java.util.HashMap<>();
        for (WorkOrder o : orders.store().underSla()) {
            if (!scope.owns(o.site())) {
                continue;
            }
            try {
                int stage = stage(o, now, settings.computeIfAbsent(o.site(), orders::settings).target(o.priority()).warnBefore());
                if (stage > o.slaStage()) {
                    orders.slaStage(o, stage);
                    moved++;
                }
            } catch (RuntimeException e) {
                LOG.warn("event=sla-check-failed site={} order={} reason=\"{}\"", o.site(), o.id(), String.valueOf(e.getMessage()).replace('"', '\''));
            }
        }
        return moved;
    }

    static int stage(WorkOrder o, Instant now, java.time.Duration warn) {
        int stage = 0;
        if (o.respondBy() != null && o.startedAt() == null) {
            if (!now.isBefore(o.respondBy())) {
                stage = 2;
            } else if (!now.isBefore(o.respondBy().minus(warn))) {
                stage = 1;
            }
        }
        if (o.resolveBy() != null && o.doneAt() == null) {
            if (!now.isBefore(o.resolveBy())) {
                stage = 4;
            } else if (!now.isBefore(o.resolveBy().minus(warn))) {
                stage = Math.max(stage, 3);
            }
        }
        return stage;
    }

    public AutoCloseable run(java.time.Duration every) {
        java.util.concurrent.ScheduledExecutorService s = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sla-watch");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("event=sla-pass-failed reason=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''));
            }
        }, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return s::shutdownNow;
    }
}
