package org.lintel.hub.maintenance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work orders through their life: opened (from an alarm, a plan, a resident or by hand) with SLA deadlines from the
 * site's settings, taken, worked, signed off, verified. Every change is stored with who and when, published as a
 * {@link WorkOrderChanged}, and puts the equipment in or out of maintenance mode when a technician starts or stops
 * working on it.
 */
public final class WorkOrders {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOrders.class);

    /** Is told whether a piece of equipment has a technician at work on it under some order. */
    public interface AtWork {
        AtWork NONE = (site, equipment, on, order) -> { };

        void atWork(String site, String equipment, boolean on, long order);
    }

    private final WorkOrderStore store;
    private final Clock clock;
    private final Function<String, ZoneId> zones;
    private final Consumer<WorkOrderChanged> published;
    private volatile WorkNotices notices = WorkNotices.NONE;
    private volatile AtWork atWork = AtWork.NONE;

    public WorkOrders(Database db, Clock clock, Function<String, ZoneId> zones, Consumer<WorkOrderChanged> published) {
        this.store = new WorkOrderStore(db);
        this.clock = clock;
        this.zones = zones;
        this.published = published;
    }

    public WorkOrders notices(WorkNotices n) {
        this.notices = n;
        return this;
    }

    /** Who is told when a device is worked on; told at once about every device with an order at work now (after a restart). */
    public WorkOrders atWork(AtWork a) {
        this.atWork = a;
        store.atWork().forEach(se -> a.atWork(se[0], se[1], true, 0));
        return this;
    }

    public WorkOrderStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone(String site) {
        return zones.apply(site);
    }

    public MaintenanceSettings settings(String site) {
        return store.settings(site).orElse(MaintenanceSettings.DEFAULT);
    }

    public MaintenanceSettings putSettings(String site, Map<String, Object> body, String by) {
        MaintenanceSettings s = MaintenanceSettings.fromJson(body);
        store.saveSettings(site, s, clock.instant(), by);
        LOG.info("event=maintenance-settings-saved site={} by={}", site, by);
        return s;
    }

    public WorkOrder find(String site, long id) {
        return store.find(id).filter(o -> o.site().equals(site)).orElseThrow(() -> MaintenanceException.notFound("site " + site + " has no work order " + id));
    }

    /**
     * Opens an order; empty when the store refused it as a duplicate (an open order for the same alarm kind on the same
     * equipment, or the same plan visit).
     */
    public Optional<WorkOrder> open(NewWorkOrder n) {
        if (!WorkOrder.KINDS.contains(n.kind())) {
            throw MaintenanceException.invalid("kind", "kind must be one of " + WorkOrder.KINDS + ", not '" + n.kind() + "'");
        }
        Instant now = clock.instant();
        MaintenanceSettings s = settings(n.site());
        Instant respondBy = null;
        Instant resolveBy = null;
        if (n.dueAt() != null && n.intervalDays() != null) {
            // planned work: due, with 10 % of its interval to spare (the on-time window of PM compliance)
            resolveBy = n.dueAt().plus(tenPercent(n.intervalDays()));
        } else if ("corrective".equals(n.kind())) {
            SlaTarget t = s.target(n.priority());
            respondBy = now.plus(t.respond());
            resolveBy = now.plus(t.resolve());
        }
        String team = s.teamOf(n.building());
        Optional<WorkOrder> o = store.insert(n, WorkOrderState.OPEN, null, team, now, respondBy, resolveBy);
        o.ifPresent(order -> {
            LOG.info("event=work-order-opened site={} order={} equipment={} kind={} source={} priority={} respondBy={}", order.site(), order.id(),
                    order.equipment(), order.kind(), order.source(), order.priority().id(), order.respondBy());
            published.accept(new WorkOrderChanged(order, null, n.by()));
            if (order.corrective()) {
                // a planned visit waits on the board: the on-call people hear of failures, not of the schedule at 3 a.m.
                notices.tell(order, "work-order-opened", 0, WorkOrderText.opened(order, zones.apply(order.site())));
            }
        });
        return o;
    }

    static Duration tenPercent(BigDecimal intervalDays) {
        return Duration.ofSeconds(intervalDays.multiply(BigDecimal.valueOf(8640)).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** The alarm behind an open order is active again: one more occurrence, not one more order. */
    public void occurrence(WorkOrder o, long alarmId, Instant at, String value) {
        store.occurrence(o.id(), alarmId, at, value);
        LOG.info("event=work-order-occurrence site={} order={} equipment={} alarm={} occurrences={}", o.site(), o.id(), o.equipment(), alarmId,
                o.occurrences() + 1);
    }

    public WorkOrder assign(String site, long id, String assignee, String by) {
        if (assignee == null || assignee.isBlank()) {
            throw MaintenanceException.invalid("assignee", "assignee must name the technician's account");
        }
        WorkOrder o = find(site, id);
        requireIn(o, "assign", WorkOrderState.OPEN, WorkOrderState.ASSIGNED);
        return move(o, WorkOrderState.ASSIGNED, Map.of("assignee", assignee), by, "assigned to " + assignee);
    }

    /** A technician takes an open order (抢单): the first one wins, the others are told who has it. */
    public WorkOrder grab(String site, long id, String by) {
        WorkOrder o = find(site, id);
        MaintenanceSettings s = settings(site);
        if (o.team() != null && !s.teams().getOrDefault(o.team(), List.of()).contains(by)) {
            throw MaintenanceException.conflict("work order " + id + " is for team " + o.team() + ", which " + by + " is not in");
        }
        requireIn(o, "grab", WorkOrderState.OPEN);
        return move(o, WorkOrderState.ASSIGNED, Map.of("assignee", by), by, "taken by " + by);
    }

    /** The technician gives an order back (退单) for somebody else. */
    public WorkOrder release(String site, long id, String by, String why) {
        WorkOrder o = find(site, id);
        requireIn(o, "give back", WorkOrderState.ASSIGNED);
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("assignee", null);
        return move(o, WorkOrderState.OPEN, cols, by, "given back" + (why == null ? "" : ": " + why));
    }

    /** The technician is at the equipment: the response deadline is met or missed now. */
    public WorkOrder start(String site, long id, String by) {
        WorkOrder o = find(site, id);
        requireIn(o, "start", WorkOrderState.OPEN, WorkOrderState.ASSIGNED);
        Instant now = clock.instant();
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("started_at", now);
        if (o.assignee() == null) {
            cols.put("assignee", by);
        }
        if (o.respondBy() != null && now.isAfter(o.respondBy())) {
            cols.put("response_breached", true);
        }
        return move(o, WorkOrderState.IN_PROGRESS, cols, by, "started");
    }

    public WorkOrder hold(String site, long id, String by, String why) {
        WorkOrder o = find(site, id);
        requireIn(o, "put on hold", WorkOrderState.IN_PROGRESS);
        return move(o, WorkOrderState.ON_HOLD, Map.of(), by, "on hold" + (why == null ? "" : ": " + why));
    }

    public WorkOrder resume(String site, long id, String by) {
        WorkOrder o = find(site, id);
        requireIn(o, "resume", WorkOrderState.ON_HOLD);
        return move(o, WorkOrderState.IN_PROGRESS, Map.of(), by, "resumed");
    }

    /**
     * Answers a checklist item. A failed check or a number outside its limits is not ok; with {@code followUp} it
     * opens a corrective order of its own for the same equipment, linked to this one.
     */
    public WorkOrder answer(String site, long id, int index, String answer, String note, boolean followUp, String by) {
        WorkOrder o = find(site, id);
        requireIn(o, "answer the checklist of", WorkOrderState.IN_PROGRESS);
        if (index < 0 || index >= o.checklist().size()) {
            throw MaintenanceException.invalid("item", "item must be 0.." + (o.checklist().size() - 1) + " (the order's checklist has "
                    + o.checklist().size() + " items), not " + index);
        }
        ChecklistItem item = o.checklist().get(index);
        if (answer == null || answer.isBlank()) {
            throw MaintenanceException.invalid("answer", "answer is required");
        }
        Boolean ok = switch (item.type()) {
            case "pass-fail" -> switch (answer) {
                case "pass" -> true;
                case "fail" -> false;
                default -> throw MaintenanceException.invalid("answer", "item " + index + " is pass-fail: answer pass or fail, not '" + answer + "'");
            };
            case "number" -> {
                BigDecimal v;
                try {
                    v = new BigDecimal(answer.trim());
                } catch (NumberFormatException e) {
                    throw MaintenanceException.invalid("answer", "item " + index + " takes a number" + (item.unit() == null ? "" : " in " + item.unit())
                            + ", not '" + answer + "'");
                }
                yield (item.min() == null || v.compareTo(item.min()) >= 0) && (item.max() == null || v.compareTo(item.max()) <= 0);
            }
            case "photo" -> {
                long photo;
                try {
                    photo = Long.parseLong(answer.trim());
                } catch (NumberFormatException e) {
                    throw MaintenanceException.invalid("answer", "item " + index + " takes a photo: upload it first and answer with its id");
                }
                if (store.photo(id, photo).isEmpty()) {
                    throw MaintenanceException.invalid("answer", "work order " + id + " has no photo " + photo);
                }
                yield true;
            }
            default -> true;
        };
        List<ChecklistItem> items = new ArrayList<>(o.checklist());
        ChecklistItem answered = item.answered(answer.trim(), ok, note);
        if (!ok && followUp && item.followUp() == null) {
            Optional<WorkOrder> f = open(new NewWorkOrder(site, o.equipment(), o.building(), "corrective", "follow-up",
                    "整改：" + item.textZh(), "Follow-up: " + item.textEn(), note, o.location(), Priority.MEDIUM, null, null, null, null, null, null,
                    null, null, null, clock.instant(), List.of(), null, null, id, by));
            if (f.isPresent()) {
                answered = answered.withFollowUp(f.get().id());
            }
        }
        items.set(index, answered);
        store.change(id, Map.of("checklist", WorkOrderStore.json(items)), clock.instant(), by,
                "item " + index + " " + item.code() + ": " + answer.trim() + (ok ? "" : " (not ok)"));
        return find(site, id);
    }

    /**
     * The technician signs the work off. {@code restoredAt} is when the equipment worked again (now when not given):
     * what MTTR measures. Every checklist item must have an answer.
     */
    public WorkOrder done(String site, long id, Instant restoredAt, Integer labourMinutes, List<Part> parts, String by) {
        WorkOrder o = find(site, id);
        requireIn(o, "sign off", WorkOrderState.IN_PROGRESS);
        Instant now = clock.instant();
        Instant restored = restoredAt == null ? now : restoredAt;
        if (restored.isAfter(now)) {
            throw MaintenanceException.invalid("restoredAt", "restoredAt (" + restored + ") is in the future");
        }
        if (o.failureAt() != null && restored.isBefore(o.failureAt())) {
            throw MaintenanceException.invalid("restoredAt", "restoredAt (" + restored + ") is before the failure (" + o.failureAt() + ")");
        }
        List<String> open = new ArrayList<>();
        for (int i = 0; i < o.checklist().size(); i++) {
            if (o.checklist().get(i).answer() == null) {
                open.add(i + " " + o.checklist().get(i).code());
            }
        }
        if (!open.isEmpty()) {
            throw MaintenanceException.conflict("work order " + id + " has unanswered checklist items: " + String.join(", ", open));
        }
        if (labourMinutes != null && labourMinutes < 0) {
            throw MaintenanceException.invalid("labourMinutes", "labourMinutes must not be negative");
        }
        List<Part> used = parts == null ? List.of() : parts;
        BigDecimal cost = used.stream().map(Part::cost).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("done_at", now);
        cols.put("restored_at", restored);
        cols.put("signed_by", by);
        cols.put("labour_minutes", labourMinutes == null ? o.labourMinutes() : labourMinutes);
        cols.put("parts", WorkOrderStore.json(used));
        cols.put("cost", cost);
        if (o.resolveBy() != null && now.isAfter(o.resolveBy())) {
            cols.put("resolution_breached", true);
        }
        return move(o, WorkOrderState.DONE, cols, by, "signed off by " + by);
    }

    /** A supervisor checks the work: accepted closes the order, refused sends it back to the technician. */
    public WorkOrder verify(String site, long id, boolean accepted, String note, String by) {
        WorkOrder o = find(site, id);
        requireIn(o, "verify", WorkOrderState.DONE);
        if (by.equals(o.signedBy())) {
            throw MaintenanceException.conflict("work order " + id + " was signed off by " + by + "; another person verifies it");
        }
        if (!accepted) {
            return move(o, WorkOrderState.IN_PROGRESS, Map.of(), by, "sent back" + (note == null ? "" : ": " + note));
        }
        return move(o, WorkOrderState.CLOSED, Map.of("verified_by", by, "closed_at", clock.instant()), by, "verified" + (note == null ? "" : ": " + note));
    }

    public WorkOrder cancel(String site, long id, String by, String why) {
        WorkOrder o = find(site, id);
        requireIn(o, "cancel", WorkOrderState.OPEN, WorkOrderState.ASSIGNED, WorkOrderState.ON_HOLD);
        if (why == null || why.isBlank()) {
            throw MaintenanceException.invalid("reason", "a reason is required to cancel a work order");
        }
        return move(o, WorkOrderState.CANCELLED, Map.of("closed_at", clock.instant()), by, "cancelled: " + why);
    }

    /** A planned visit nobody started before the next fell due. */
    public WorkOrder missed(WorkOrder o, String why) {
        return move(o, WorkOrderState.MISSED, Map.of("closed_at", clock.instant()), "system", "missed: " + why);
    }

    /** The usage plan's lifetime count when the order was signed off: where a floating usage trigger counts from. */
    public void usageAtDone(WorkOrder o, BigDecimal count) {
        store.change(o.id(), Map.of("usage_at_done", count), clock.instant(), "plan", "counted " + count.toPlainString() + " at sign-off");
    }

    /** The resident's rating (1–5) and the return visit's note (回访), for an order from a resident's report. */
    public WorkOrder rate(String site, long id, Integer rating, String returnVisit, String by) {
        WorkOrder o = find(site, id);
        if (!"resident".equals(o.source())) {
            throw MaintenanceException.conflict("work order " + id + " did not come from a resident's report; only those are rated");
        }
        requireIn(o, "rate", WorkOrderState.DONE, WorkOrderState.CLOSED);
        if (rating != null && (rating < 1 || rating > 5)) {
            throw MaintenanceException.invalid("rating", "rating must be 1 to 5, not " + rating);
        }
        Map<String, Object> cols = new LinkedHashMap<>();
        if (rating != null) {
            cols.put("rating", rating);
        }
        if (returnVisit != null) {
            cols.put("return_visit", returnVisit);
        }
        if (cols.isEmpty()) {
            throw MaintenanceException.invalid("rating", "give a rating, a returnVisit note or both");
        }
        store.change(id, cols, clock.instant(), by, (rating == null ? "" : "rated " + rating) + (returnVisit == null ? "" : " return visit"));
        return find(site, id);
    }

    public long photo(String site, long id, Integer item, String contentType, byte[] bytes, String by) {
        WorkOrder o = find(site, id);
        if (o.state().finished()) {
            throw MaintenanceException.conflict("work order " + id + " is " + o.state().id() + "; photos go on orders still being worked");
        }
        if (item != null && (item < 0 || item >= o.checklist().size())) {
            throw MaintenanceException.invalid("item", "item must be 0.." + (o.checklist().size() - 1) + ", not " + item);
        }
        return store.photo(id, item, contentType, bytes, clock.instant(), by);
    }

    /** Records an SLA stage reached (1 response warning, 2 response missed, 3 resolution warning, 4 resolution missed). */
    void slaStage(WorkOrder o, int stage) {
        Map<String, Object> cols = new LinkedHashMap<>();
        cols.put("sla_stage", stage);
        if (stage >= 2 && o.startedAt() == null && o.respondBy() != null) {
            cols.put("response_breached", true);
        }
        if (stage == 4) {
            cols.put("resolution_breached", true);
        }
        String what = switch (stage) {
            case 1 -> "response deadline close";
            case 2 -> "response deadline missed";
            case 3 -> "resolution deadline close";
            default -> "resolution deadline missed";
        };
        store.change(o.id(), cols, clock.instant(), "sla", what);
        Instant now = clock.instant();
        LOG.info("event=work-order-sla site={} order={} stage={} what=\"{}\"", o.site(), o.id(), stage, what);
        if (!o.corrective()) {
            return; // a late planned visit shows overdue on the board and in PM compliance; nobody is woken for it
        }
        notices.tell(o, stage % 2 == 0 ? "work-order-sla-missed" : "work-order-sla-warning", stage == 4 ? 2 : stage == 2 ? 1 : 0,
                WorkOrderText.sla(o, stage, now, zones.apply(o.site())));
    }

    private static void requireIn(WorkOrder o, String action, WorkOrderState... states) {
        for (WorkOrderState s : states) {
            if (o.state() == s) {
                return;
            }
        }
        throw MaintenanceException.conflict("work order " + o.id() + " is " + o.state().id() + " (" + o.state().chinese() + ")"
                + (o.assignee() == null ? "" : ", with " + o.assignee()) + "; cannot " + action
                + " it; from " + o.state().id() + " it can go to " + o.state().next().stream().map(WorkOrderState::id).toList());
    }

    private WorkOrder move(WorkOrder o, WorkOrderState to, Map<String, Object> cols, String by, String what) {
        if (!store.move(o.id(), o.state(), to, cols, clock.instant(), by, what)) {
            WorkOrder now = store.find(o.id()).orElseThrow();
            throw MaintenanceException.conflict("work order " + o.id() + " changed meanwhile: it is " + now.state().id()
                    + (now.assignee() == null ? "" : ", with " + now.assignee()));
        }
        WorkOrder changed = store.find(o.id()).orElseThrow();
        LOG.info("event=work-order-changed site={} order={} from={} to={} by={}", o.site(), o.id(), o.state().id(), to.id(), by);
        if (o.equipment() != null && o.state().atWork() != to.atWork()) {
            atWork.atWork(o.site(), o.equipment(), store.atWork(o.site(), o.equipment()), o.id());
        }
        published.accept(new WorkOrderChanged(changed, o.state(), by));
        return changed;
    }
}
