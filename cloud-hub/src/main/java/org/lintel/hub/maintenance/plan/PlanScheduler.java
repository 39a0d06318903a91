package org.lintel.hub.maintenance.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.lintel.hub.maintenance.NewWorkOrder;
import org.lintel.hub.maintenance.WorkOrder;
import org.lintel.hub.maintenance.WorkOrderState;
import org.lintel.hub.maintenance.WorkOrders;
import org.lintel.hub.telemetry.TelemetryEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns plans into work orders. A fixed calendar plan creates each visit {@code horizonDays} before it is due (the
 * next only once the last is closed, when the plan says so) and marks a visit nobody started by the time the next
 * one was due as missed. Floating, usage and whichever-first plans keep one order at a time: the next comes when the
 * calendar or the counter says so, counted from the last sign-off. Usage plans are judged again as their counter's
 * readings are stored; every plan once per pass on the hub's clock.
 */
public final class PlanScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlanScheduler.class);

    /** What a counter counted between two instants, rollovers and meter replacements included; empty without readings. */
    public interface Lifetime {
        Optional<BigDecimal> counted(String site, String device, String point, Instant from, Instant to);
    }

    private final PlanStore plans;
    private final PlanTemplates templates;
    private final WorkOrders orders;
    private final Lifetime lifetime;
    private final BiFunction<String, String, String> buildingOf;
    private final Clock clock;
    private volatile Map<String, List<Plan>> usageByDevice = Map.of();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "plan-usage");
        t.setDaemon(true);
        return t;
    });

    private final org.lintel.hub.core.SiteScope scope;

    public PlanScheduler(PlanStore plans, PlanTemplates templates, WorkOrders orders, Lifetime lifetime, BiFunction<String, String, String> buildingOf,
                         Clock clock) {
        this(plans, templates, orders, lifetime, buildingOf, clock, org.lintel.hub.core.SiteScope.ALL);
    }

    /** A scheduler for the plans of the sites this hub instance takes: each visit is opened by one instance. */
    public PlanScheduler(PlanStore plans, PlanTemplates templates, WorkOrders orders, Lifetime lifetime, BiFunction<String, String, String> buildingOf,
                         Clock clock, org.lintel.hub.core.SiteScope scope) {
        this.scope = scope;
        this.plans = plans;
        this.templates = templates;
        this.orders = orders;
        this.lifetime = lifetime;
        this.buildingOf = buildingOf;
        this.clock = clock;
        plansChanged();
    }

    public void plansChanged() {
        Map<String, List<Plan>> m = new HashMap<>();
        for (Plan p : plans.all()) {
            if (p.usage() != null) {
                m.computeIfAbsent(p.site() + "\u0000" + p.equipment(), k -> new java.util.ArrayList<>()).add(p);
            }
        }
        usageByDevice = Map.copyOf(m);
    }

    /** Readings stored: the usage plans on that device and counter are judged again (once, however many batches queue meanwhile). */
    public void on(TelemetryEvent e) {
        if (!(e instanceof TelemetryEvent.ReadingsStored r)) {
            return;
        }
        List<Plan> mine = usageByDevice.get(r.device().site() + "\u0000" + r.device().device());
        if (mine == null) {
            return;
        }
        for (Plan p : mine) {
            if (r.points().stream().anyMatch(x -> x.point().equals(p.usage().point())) && queued.add(p.site() + "/" + p.id())) {
                worker.execute(() -> {
                    queued.remove(p.site() + "/" + p.id());
                    safely(p, clock.instant());
                });
            }
        }
    }

    /** Every plan of every site, once; returns how many orders were opened. */
    public int pass() {
        int opened = 0;
        Instant now = clock.instant();
        for (Plan p : plans.all()) {
            if (!scope.owns(p.site())) {
                continue;
            }
            opened += safely(p, now);
        }
        return opened;
    }

    private int safely(Plan p, Instant now) {
        try {
            synchronized (this) {
                return plan(p, now);
            }
        } catch (RuntimeException e) {
            LOG.warn("event=plan-pass-failed site={} plan={} reason=\"{}\"", p.site(), p.id(), String.valueOf(e.getMessage()).replace('"', '\''));
            return 0;
        }
    }

    int plan(Plan p, Instant now) {
        ZoneId zone = orders.zone(p.site());
        LocalDate today = now.atZone(zone).toLocalDate();
        List<WorkOrder> mine = orders.store().list(p.site(), null, null, null, p.id(), 100_000);
        if (p.usage() != null) {
            for (WorkOrder o : mine) {
                if (o.doneAt() != null && o.usageAtDone() == null) {
                    lifetime(p, o.doneAt()).ifPresent(c -> orders.usageAtDone(o, c));
                }
            }
            mine = orders.store().list(p.site(), null, null, null, p.id(), 100_000);
        }
        boolean anyOpen = mine.stream().anyMatch(o -> o.state().open());
        int lastVisit = mine.stream().mapToInt(o -> o.planVisit() == null ? 0 : o.planVisit()).max().orElse(0);
        int opened = 0;
        if (p.calendar() != null && p.calendar().fixed()) {
            Plan.Calendar c = p.calendar();
            Set<Long> missed = new java.util.HashSet<>();
            for (WorkOrder o : mine) {
                // nobody started it, and the next visit is due: it was missed
                if ((o.state() == WorkOrderState.OPEN || o.state() == WorkOrderState.ASSIGNED) && o.dueAt() != null
                        && !now.isBefore(o.dueAt().plus(c.everyDays() - 1L, ChronoUnit.DAYS))) {
                    orders.missed(o, "not started by the time visit " + (o.planVisit() + 1) + " was due");
                    missed.add(o.id());
                }
            }
            anyOpen = mine.stream().anyMatch(x -> x.state().open() && !missed.contains(x.id()));
            int n = lastVisit + 1;
            if (lastVisit == 0 && today.isAfter(c.firstDue())) {
                // a plan entered late starts at its next visit, not with a backlog of the past
                n = (int) ((ChronoUnit.DAYS.between(c.firstDue(), today) + c.everyDays() - 1) / c.everyDays()) + 1;
            }
            while (!Visits.fixedDue(c, n).isAfter(today.plusDays(p.horizonDays()))) {
                if (p.nextAfterClosed() && anyOpen) {
                    break;
                }
                LocalDate due = Visits.fixedDue(c, n);
                if (open(p, n, due, n > 1 ? Visits.fixedDue(c, n - 1) : null, c.firstDue(), null, zone)) {
                    opened++;
                }
                anyOpen = true;
                n++;
            }
            return opened;
        }
        if (anyOpen) {
            return 0;
        }
        WorkOrder last = mine.stream().filter(o -> o.planVisit() != null).max(Comparator.comparingInt(WorkOrder::planVisit)).orElse(null);
        LocalDate anchor = p.calendar() != null && p.calendar().firstDue() != null ? p.calendar().firstDue()
                : p.usage() != null ? p.usage().from().atZone(zone).toLocalDate() : today;
        LocalDate calendarDue = null;
        if (p.calendar() != null) {
            if (last == null) {
                calendarDue = p.calendar().firstDue() != null ? p.calendar().firstDue() : today;
            } else {
                Instant from = last.doneAt() != null ? last.doneAt() : last.closedAt() != null ? last.closedAt() : now;
                calendarDue = from.atZone(zone).toLocalDate().plusDays(p.calendar().everyDays());
            }
        }
        BigDecimal usageMark = null;
        if (p.usage() != null) {
            Optional<BigDecimal> counted = lifetime(p, now);
            if (counted.isPresent()) {
                BigDecimal every = p.usage().every();
                BigDecimal life = counted.get();
                if (p.usage().fixed()) {
                    BigDecimal k = life.divide(every, 0, RoundingMode.FLOOR);
                    BigDecimal lastK = last == null || last.usageDue() == null ? BigDecimal.ZERO : last.usageDue().divide(every, 0, RoundingMode.FLOOR);
                    if (k.compareTo(lastK) > 0) {
                        usageMark = k.multiply(every);
                    }
                } else {
                    BigDecimal base = last == null ? BigDecimal.ZERO : last.usageAtDone() != null ? last.usageAtDone()
                            : last.usageDue() != null ? last.usageDue() : null;
                    if (base != null && life.compareTo(base.add(every)) >= 0) {
                        usageMark = base.add(every);
                    }
                }
            }
        }
        boolean calendarTriggered = calendarDue != null && !calendarDue.isAfter(today.plusDays(p.horizonDays()));
        if (!calendarTriggered && usageMark == null) {
            return 0;
        }
        LocalDate due = calendarTriggered ? calendarDue : p.calendar() != null ? today : null;
        LocalDate previous = last == null ? null : last.dueAt() != null ? dueDate(last.dueAt(), zone) : last.openedAt().atZone(zone).toLocalDate();
        return open(p, lastVisit + 1, due, previous, anchor, usageMark, zone) ? 1 : 0;
    }

    private Optional<BigDecimal> lifetime(Plan p, Instant at) {
        return lifetime.counted(p.site(), p.equipment(), p.usage().point(), p.usage().from(), at);
    }

    private boolean open(Plan p, int visit, LocalDate due, LocalDate previous, LocalDate anchor, BigDecimal usageMark, ZoneId zone) {
        PlanTemplate t = p.template() == null ? null : templates.find(p.template()).orElse(null);
        LocalDate levelDate = due != null ? due : LocalDate.now(clock.withZone(zone));
        int level = t == null ? 0 : Visits.level(t, anchor, p.calendar() != null ? p.calendar().everyDays() : t.everyDays(), previous, levelDate);
        PlanTemplate.Level l = t == null ? null : t.levels().get(level);
        List<org.lintel.hub.maintenance.ChecklistItem> items = new java.util.ArrayList<>(p.checklist());
        if (t != null) {
            items.addAll(Visits.items(t, level, levelDate, p.commissionedOn() != null ? p.commissionedOn() : anchor));
        }
        String usageZh = usageMark == null ? "" : "（" + p.usage().point() + " 达 " + usageMark.stripTrailingZeros().toPlainString() + "）";
        String usageEn = usageMark == null ? "" : " (" + p.usage().point() + " reached " + usageMark.stripTrailingZeros().toPlainString() + ")";
        Optional<WorkOrder> o = orders.open(new NewWorkOrder(p.site(), p.equipment(), buildingOf.apply(p.site(), p.equipment()), p.kind(), "plan",
                p.nameZh() + (l == null ? "" : " · " + l.zh()) + usageZh, p.nameEn() + (l == null ? "" : " · " + l.en()) + usageEn,
                t == null ? null : "依据 Source: " + t.source(), null, p.priority(), null, null, null, p.id(), visit, l == null ? null : l.id(),
                due == null ? null : due.plusDays(1).atStartOfDay(zone).toInstant(),
                due == null || p.calendar() == null ? null : BigDecimal.valueOf(p.calendar().everyDays()), usageMark, null, items, null, null, null, "plan"));
        o.ifPresent(x -> LOG.info("event=plan-visit-opened site={} plan={} visit={} level={} due={} usage={} order={}", p.site(), p.id(), visit,
                l == null ? "-" : l.id(), due, usageMark, x.id()));
        return o.isPresent();
    }

    /** The local date an order is due on: due at the end of that day. */
    static LocalDate dueDate(Instant dueAt, ZoneId zone) {
        return dueAt.atZone(zone).toLocalDate().minusDays(1);
    }

    /** Runs {@link #pass} every {@code every} on its own thread until closed. */
    public AutoCloseable run(java.time.Duration every) {
        java.util.concurrent.ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plan-pass");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                LOG.warn("event=plan-pass-failed reason=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''));
            }
        }, 20_000, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return s::shutdownNow;
    }

    /** Waits until the usage judgements queued before this call are done (tests). */
    public void drain() {
        try {
            worker.submit(() -> { }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("plan usage judgements did not drain", e);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}
