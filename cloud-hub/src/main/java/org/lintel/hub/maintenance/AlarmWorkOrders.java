package org.lintel.hub.maintenance;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.AlarmTransitioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alarm → work order, without duplicates. An activation of an alarm kind the site's settings name opens one order on
 * the alarm's equipment; while that order is open (not yet signed off), every further activation of the kind on the
 * equipment (the same alarm active again, or a new alarm after a reset) is one more occurrence on it. The order stays
 * when the alarm clears by itself: a person closes it. Closing or cancelling it is written into the alarms' history.
 *
 * <p>Alarm events arrive on the alarm engine's writer threads; the work is done on one thread of its own, in arrival
 * order, so a slow database never holds an alarm back.
 */
public final class AlarmWorkOrders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmWorkOrders.class);

    /** Writes a remark into an alarm's history (the alarm domain's store). */
    public interface AlarmRemarks {
        void remark(long alarm, String by, String why);
    }

    private final WorkOrders orders;
    private final BiFunction<String, String, String> buildingOf;
    private final AlarmRemarks remarks;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alarm-work-orders");
        t.setDaemon(true);
        return t;
    });

    public AlarmWorkOrders(WorkOrders orders, BiFunction<String, String, String> buildingOf, AlarmRemarks remarks) {
        this.orders = orders;
        this.buildingOf = buildingOf;
        this.remarks = remarks;
    }

    public void on(AlarmTransitioned e) {
        boolean activation = (e.transition().from() == AlarmState.NORMAL || e.transition().from() == AlarmState.RETURNED_UNACKNOWLEDGED)
                && (e.transition().to() == AlarmState.ACTIVE_UNACKNOWLEDGED || e.transition().to() == AlarmState.ACTIVE_ACKNOWLEDGED);
        if (activation) {
            worker.execute(() -> safely(e.alarm(), () -> activated(e.alarm(), e)));
        }
    }

    public void on(WorkOrderChanged e) {
        WorkOrder o = e.order();
        if (o.alarmType() != null && e.from() != null && (o.state() == WorkOrderState.CLOSED || o.state() == WorkOrderState.CANCELLED)) {
            worker.execute(() -> {
                for (long alarm : orders.store().alarms(o.id())) {
                    try {
                        remarks.remark(alarm, e.by(), (o.state() == WorkOrderState.CLOSED ? "工单 " + o.id() + " 已关闭 / work order " + o.id() + " closed"
                                : "工单 " + o.id() + " 已取消 / work order " + o.id() + " cancelled"));
                    } catch (RuntimeException x) {
                        LOG.warn("event=alarm-remark-failed alarm={} order={} reason=\"{}\"", alarm, o.id(), x.getMessage());
                    }
                }
            });
        }
    }

    /**
     * After a start: every open alarm of a configured kind that no order has counted yet (the hub stopped between storing
     * the alarm and opening its order) gets its order or occurrence now. Returns how many were caught up.
     */
    public int catchUp(java.util.Collection<Alarm> open) {
        int n = 0;
        for (Alarm a : open) {
            try {
                if (orders.settings(a.site()).alarmTypes().contains(a.type()) && !orders.store().counted(a.id())) {
                    activated(a, a.activatedAt(), a.lastValue());
                    n++;
                }
            } catch (RuntimeException x) {
                LOG.warn("event=alarm-work-order-catch-up-failed site={} device={} alarm={} reason=\"{}\"", a.site(), a.device(), a.id(),
                        String.valueOf(x.getMessage()).replace('"', '\''));
            }
        }
        if (n > 0) {
            LOG.info("event=alarm-work-orders-caught-up alarms={}", n);
        }
        return n;
    }

    private void activated(Alarm a, AlarmTransitioned e) {
        if (e.transition().from() == AlarmState.NORMAL && orders.store().counted(a.id())) {
            return; // a new alarm the start's catch-up has already counted
        }
        activated(a, e.transition().at(), a.lastValue());
    }

    /** {@link #catchUp} on the worker, after what is queued: in order with the alarm events. */
    public void catchUpInOrder(java.util.function.Supplier<java.util.Collection<Alarm>> open) {
        worker.execute(() -> {
            try {
                catchUp(open.get());
            } catch (RuntimeException x) {
                LOG.warn("event=alarm-work-order-catch-up-failed reason=\"{}\"", String.valueOf(x.getMessage()).replace('"', '\''));
            }
        });
    }

    private void activated(Alarm a, java.time.Instant at, String value) {
        if (!orders.settings(a.site()).alarmTypes().contains(a.type())) {
            return;
        }
        var open = orders.store().openForAlarm(a.site(), a.device(), a.type());
        if (open.isPresent()) {
            orders.occurrence(open.get(), a.id(), at, value);
            return;
        }
        String zh = a.labelZh() == null ? a.type() : a.labelZh();
        String en = a.labelEn() == null ? a.type() : a.labelEn();
        var opened = orders.open(new NewWorkOrder(a.site(), a.device(), buildingOf.apply(a.site(), a.device()), "corrective", "alarm", zh, en,
                "告警 " + a.id() + " / alarm " + a.id() + (a.lastValue() == null ? "" : ": " + a.lastValue()), null, Priority.ofAlarm(a.priority()),
                a.type(), a.id(), a.lastValue(), null, null, null, null, null, null, a.activatedAt(), List.of(), null, null, null, "rule"));
        if (opened.isEmpty()) {
            // opened meanwhile by another path: the index kept it to one; count this activation on it
            orders.store().openForAlarm(a.site(), a.device(), a.type()).ifPresent(o -> orders.occurrence(o, a.id(), at, value));
        }
    }

    private static void safely(Alarm a, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException x) {
            LOG.warn("event=alarm-work-order-failed site={} device={} alarm={} type={} reason=\"{}\"", a.site(), a.device(), a.id(), a.type(),
                    String.valueOf(x.getMessage()).replace('"', '\''));
        }
    }

    /** Waits until every event handed over before this call is handled (tests, orderly shutdown). */
    public void drain() {
        try {
            worker.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("alarm work orders did not drain", e);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
