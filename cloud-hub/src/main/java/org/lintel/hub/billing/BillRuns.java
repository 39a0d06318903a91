package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bill runs: a draft is computed from the readings and may be computed again as often as wanted (late readings, a
 * corrected tariff), replacing its bills; an approved run is frozen for issuing, and only someone other than who
 * computed it may approve it; an issued run never changes. One run per site and period. A run is issued only when
 * every anomaly is resolved or overridden with a reason, and, when it resells power (转供电), when its charges for it
 * do not exceed the grid's bill for the master meter.
 */
public final class BillRuns {

    private static final Logger LOG = LoggerFactory.getLogger(BillRuns.class);

    private final BillRunStore store;
    private final Billing billing;
    private final Clock clock;
    private final java.util.function.Consumer<Object> events;
    private final java.util.function.BiFunction<Long, String, BigDecimal> writtenOff;
    private final LateFeeCharges lateFees;

    public BillRuns(Database db, Billing billing, Clock clock) {
        this(db, billing, clock, e -> { }, (bill, fee) -> BigDecimal.ZERO);
    }

    /**
     * @param events     where {@link BillRunIssued} and {@link BillCorrected} go (the hub's event bus), after their transaction
     * @param writtenOff what has been written off of a fee item of a bill (bill id, fee item): a credit note may not
     *                   take back money that was never paid because it was forgiven
     */
    public BillRuns(Database db, Billing billing, Clock clock, java.util.function.Consumer<Object> events,
                    java.util.function.BiFunction<Long, String, BigDecimal> writtenOff) {
        this(db, billing, clock, events, writtenOff, LateFeeCharges.NONE);
    }

    /** @param lateFees the late fees each bill charges as its own lines, as of its period's last day */
    public BillRuns(Database db, Billing billing, Clock clock, java.util.function.Consumer<Object> events,
                    java.util.function.BiFunction<Long, String, BigDecimal> writtenOff, LateFeeCharges lateFees) {
        this.lateFees = lateFees;
        this.store = new BillRunStore(db);
        this.billing = billing;
        this.clock = clock;
        this.events = events;
        this.writtenOff = writtenOff;
    }

    /** Computes the period's draft (a new one, or the existing draft again); refused once the run is approved or issued. */
    public BillRun draft(String site, ZoneId zone, LocalDate from, LocalDate to, String by) {
        Optional<BillRun> existing = store.find(site, from, to);
        if (existing.isPresent() && existing.get().state() != BillRun.State.DRAFT) {
            throw conflict("the run of " + from + " to " + to + " is " + existing.get().state().id()
                    + "; an issued bill is corrected by a credit note, not by running it again");
        }
        Map<String, Map<String, BigDecimal>> last = new HashMap<>();
        store.lastIssuedBefore(site, from).ifPresent(r -> store.bills(r, null).forEach(b -> last.put(b.bill().unit(), BillReview.usage(b.bill().lines()))));
        Billing.TrueUps trueUps = billing.trueUps(site, zone, store.untruedEstimates(site, from, existing.map(BillRun::id).orElse(null)));
        List<UnitBill> computed = billing.preview(site, zone, from, to);
        Map<String, String> payers = new HashMap<>();
        computed.forEach(b -> payers.put(b.unit(), b.payer()));
        Map<String, List<BillLine>> late = lateFees.lines(site, to.minusDays(1), payers);
        List<BillRunStore.Computed> bills = computed.stream()
                .map(b -> withLines(b, trueUps.lines().getOrDefault(b.unit(), List.of())))
                .map(b -> withLines(b, late.getOrDefault(b.unit(), List.of())))
                .map(b -> new BillRunStore.Computed(b, BillReview.review(b, last.getOrDefault(b.unit(), Map.of())))).toList();
        // every settled bill's unit has an account, hence a bill in this run that carries its adjustment
        long id = store.saveDraft(existing.map(BillRun::id).orElse(null), site, from, to, by, clock.instant(), bills, trueUps.settled());
        BillRun run = store.find(id).orElseThrow();
        LOG.info("event=bill-run-computed site={} run={} from={} to={} bills={} anomalies={} by=\"{}\"", site, id, from, to, bills.size(),
                run.openAnomalies(), quoted(by));
        return run;
    }

    private static UnitBill withLines(UnitBill b, List<BillLine> adjustments) {
        if (adjustments.isEmpty()) {
            return b;
        }
        List<BillLine> lines = new java.util.ArrayList<>(b.lines());
        lines.addAll(adjustments);
        return new UnitBill(b.unit(), b.payer(), b.from(), b.to(), lines, b.anomalies());
    }

    /** Draft → approved, by someone other than who computed the draft (four eyes on money). */
    public BillRun approve(long id, String by) {
        require(id);
        // checked on the run as it is while its row is held: a draft being computed again finishes first
        store.move(id, "draft", "approved", "approved_by", "approved_at", by, clock.instant(), run -> {
            if (run.createdBy().equals(by)) {
                throw conflict("run " + id + " was computed by " + by + "; someone else approves it");
            }
            refuseOpenAnomalies(run, "approved");
        });
        LOG.info("event=bill-run-approved run={} by=\"{}\"", id, quoted(by));
        return require(id);
    }

    /** Approved → issued: the bills are final from now on. */
    public BillRun issue(long id, String by) {
        BillRun approved = require(id);
        // due on the period's last day plus the notice's days, as the notices print it; fixed now
        LocalDate due = approved.to().minusDays(1).plusDays(billing.notice(approved.site()).dueDays());
        store.move(id, "approved", "issued", "issued_by", "issued_at", by, clock.instant(), due, run -> {
            refuseOpenAnomalies(run, "issued");
            if (run.resoldTotal().signum() > 0 && run.gridBill() == null) {
                throw conflict("run " + id + " charges " + run.resoldTotal().toPlainString() + " CNY for resold power (转供电); enter the grid's bill for"
                        + " the master meter over the period first, which the charges may not exceed");
            }
            if (run.gridBill() != null && run.resoldTotal().compareTo(run.gridBill()) > 0) {
                throw conflict("run " + id + " charges " + run.resoldTotal().toPlainString() + " CNY for resold power (转供电), more than the grid's bill of "
                        + run.gridBill().toPlainString() + " CNY: resold power is charged at catalogue prices without markup; check the tariff and the meters");
            }
        });
        BillRun issued = require(id);
        LOG.info("event=bill-run-issued run={} total={} by=\"{}\"", id, issued.total().toPlainString(), quoted(by));
        events.accept(new BillRunIssued(issued.site(), id));
        return issued;
    }

    private void refuseOpenAnomalies(BillRun run, String becoming) {
        if (run.openAnomalies() > 0) {
            throw conflict("run " + run.id() + " has " + run.openAnomalies() + " anomal" + (run.openAnomalies() == 1 ? "y" : "ies")
                    + " to resolve (then compute the draft again) or override with a reason before it is " + becoming + "; the first: " + firstOpen(run));
        }
    }

    /**
     * Bills a unit's anomalies as they stand anyway, with the reason (audited by the caller); an override stays with
     * the anomaly's text when the draft is computed again, and a new anomaly needs its own.
     */
    public ReviewedBill override(long id, String unit, String reason, String by) {
        BillRun run = require(id);
        if (run.state() != BillRun.State.DRAFT) {
            throw conflict("run " + id + " is " + run.state().id() + "; anomalies are overridden while it is a draft");
        }
        ReviewedBill bill = store.bills(run, unit).stream().findFirst().orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, "unit",
                "run " + id + " has no bill for unit '" + unit + "'", null));
        if (bill.openAnomalies().isEmpty()) {
            throw conflict("the bill of " + unit + " in run " + id + " has no anomaly left to override");
        }
        store.override(id, unit, bill.openAnomalies(), reason, by, clock.instant());
        LOG.info("event=bill-anomalies-overridden run={} unit={} anomalies={} by=\"{}\"", id, unit, bill.openAnomalies().size(), quoted(by));
        return store.bills(run, unit).get(0);
    }

    /**
     * Corrects an issued bill by a credit note (negative) or a debit note (positive) for one of its fee items: the bill
     * stays as issued; the notes on a fee may not credit more than was billed for it.
     */
    public ReviewedBill creditNote(long id, String unit, String feeItem, BigDecimal amount, String reason, String by) {
        BillRun run = require(id);
        if (run.state() != BillRun.State.ISSUED) {
            throw conflict("run " + id + " is " + run.state().id() + "; a bill not yet issued is corrected by computing the draft again");
        }
        ReviewedBill bill = store.bills(run, unit).stream().findFirst().orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, "unit",
                "run " + id + " has no bill for unit '" + unit + "'", null));
        BigDecimal billed = bill.bill().lines().stream().filter(l -> l.feeItem().equals(feeItem)).map(BillLine::amount).reduce(null,
                (x, y) -> x == null ? y : x.add(y));
        if (billed == null) {
            throw new BillingException(BillingException.Kind.INVALID, "feeItem", "field 'feeItem': the bill of " + unit + " has no line of '" + feeItem
                    + "'; its fees: " + bill.bill().lines().stream().map(BillLine::feeItem).distinct().toList(), null);
        }
        if (amount.signum() == 0 || amount.scale() > Money.SCALE) {
            throw new BillingException(BillingException.Kind.INVALID, "amount", "field 'amount': yuan and fen, negative for a credit note, positive for a"
                    + " debit note, not zero, e.g. \"-25.00\"; found " + amount.toPlainString(), null);
        }
        BigDecimal forgiven = amount.signum() < 0 ? writtenOff.apply(bill.id(), feeItem) : BigDecimal.ZERO;
        BigDecimal after = bill.creditNotes().stream().filter(n -> n.feeItem().equals(feeItem)).map(CreditNote::amount).reduce(billed, BigDecimal::add)
                .add(amount).subtract(forgiven);
        if (after.signum() < 0) {
            throw conflict("a credit of " + amount.negate().toPlainString() + " on " + feeItem + " would leave " + after.toPlainString()
                    + ": more than was billed for it (" + billed.toPlainString() + " less earlier notes"
                    + (forgiven.signum() > 0 ? " and " + forgiven.toPlainString() + " written off" : "") + ")");
        }
        store.creditNote(bill.id(), feeItem, amount.setScale(Money.SCALE), reason, by, clock.instant());
        events.accept(new BillCorrected(run.site(), unit, bill.id()));
        LOG.info("event=bill-credit-note run={} unit={} fee={} amount={} by=\"{}\"", id, unit, feeItem, amount.toPlainString(), quoted(by));
        return store.bills(run, unit).get(0);
    }

    /** Enters the grid's bill for the master meter over the run's period (转供电), before the run is issued. */
    public BillRun gridBill(long id, BigDecimal amount, String reference, String by) {
        BillRun run = require(id);
        if (run.state() == BillRun.State.ISSUED) {
            throw conflict("run " + id + " is issued; its grid bill is kept as entered");
        }
        if (amount.signum() < 0 || amount.scale() > Money.SCALE) {
            throw new BillingException(BillingException.Kind.INVALID, "amount", "field 'amount': yuan and fen, not negative, e.g. \"12480.35\"; found "
                    + amount.toPlainString(), null);
        }
        if (!store.gridBill(id, amount.setScale(Money.SCALE), reference, by)) {
            throw conflict("run " + id + " was issued meanwhile; its grid bill is kept as entered");
        }
        return require(id);
    }

    public List<BillRun> list(String site) {
        return store.list(site);
    }

    public Optional<BillRun> find(long id) {
        return store.find(id);
    }

    /** The bills of a run as they were stored, each with its lines, flags and overrides. */
    public List<ReviewedBill> bills(long id) {
        return store.bills(require(id), null);
    }

    /** One unit's bill of a run. */
    public Optional<ReviewedBill> bill(long id, String unit) {
        return store.bills(require(id), unit).stream().findFirst();
    }

    private String firstOpen(BillRun run) {
        return store.bills(run, null).stream().flatMap(b -> b.openAnomalies().stream().map(x -> b.bill().unit() + ": " + x)).findFirst().orElse("");
    }

    private BillRun require(long id) {
        return store.find(id).orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, null, "there is no bill run " + id, null));
    }

    private static BillingException conflict(String message) {
        return new BillingException(BillingException.Kind.CONFLICT, null, message, null);
    }

    private static String quoted(String s) {
        return s.replace('"', '\'');
    }
}
