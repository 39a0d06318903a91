package org.lintel.hub.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a move-out (退房/过户) at an instant: the leaving occupant's final bill, from the day after their last
 * issued bill to the instant, with metered fees read from the meters at that instant (measured or interpolated, and
 * said so), is issued at once; the unit's account passes to the arriving occupant, whose metered fees start from the
 * same readings. Late fees and the balance are the receivables domain's, read beside it.
 */
public final class MoveOuts {

    private static final Logger LOG = LoggerFactory.getLogger(MoveOuts.class);

    /** Who takes the unit over; a null {@code feeItems} keeps the leaving occupant's, a null {@code timeOfUse} means no. */
    public record Arriving(String payer, int persons, Boolean timeOfUse, List<String> feeItems) {
    }

    private final BillRunStore store;
    private final Billing billing;
    private final Clock clock;
    private final Consumer<Object> events;
    private final LateFeeCharges lateFees;

    public MoveOuts(Database db, Billing billing, Clock clock, Consumer<Object> events) {
        this(db, billing, clock, events, LateFeeCharges.NONE);
    }

    /** @param lateFees the late fees the final bill charges, as of the move-out day */
    public MoveOuts(Database db, Billing billing, Clock clock, Consumer<Object> events, LateFeeCharges lateFees) {
        this.lateFees = lateFees;
        this.store = new BillRunStore(db);
        this.billing = billing;
        this.clock = clock;
        this.events = events;
    }

    /**
     * @param from the final bill's first day; null: the day after the unit was last billed to (refused when it never was)
     */
    public MoveOut settle(String site, ZoneId zone, String unit, Instant at, LocalDate from, Arriving arriving, String by) {
        BillingAccountStore.Stored leaving = billing.accounts(site).stream().filter(a -> a.unit().equals(unit)).findFirst()
                .orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, null, "unit " + unit + " of site " + site
                        + " has no billing account; nobody is billed for it to move out", null));
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            throw new BillingException(BillingException.Kind.INVALID, "at", "the move-out at " + at + " is in the future; it is settled from the meters'"
                    + " readings at that instant, so once it has happened", null);
        }
        if (leaving.movedIn() != null && !at.isAfter(leaving.movedIn())) {
            throw new BillingException(BillingException.Kind.INVALID, "at", leaving.payer() + " moved in at " + leaving.movedIn()
                    + "; a move-out comes after that", null);
        }
        if (arriving.payer() == null || arriving.payer().isBlank()) {
            throw new BillingException(BillingException.Kind.INVALID, "arriving.payer", "who takes the unit over is required (an empty unit: the owner)", null);
        }
        if (arriving.persons() < 1 || arriving.persons() > 20) {
            throw new BillingException(BillingException.Kind.INVALID, "arriving.persons", "a household of 1 to 20 persons; found " + arriving.persons(), null);
        }
        LocalDate start = from != null ? from : store.lastBilledTo(site, unit).orElseThrow(() -> new BillingException(BillingException.Kind.INVALID, "from",
                "unit " + unit + " has no issued bill yet, so where its final bill starts is not known: give from, the first day not billed", null));
        if (leaving.movedIn() != null) {
            LocalDate movedInDay = leaving.movedIn().atZone(zone).toLocalDate();
            start = start.isBefore(movedInDay) ? movedInDay : start;
        }
        LocalDate atDay = at.atZone(zone).toLocalDate();
        List<BillRun> open = store.unissuedOverlapping(site, start, atDay.plusDays(1));
        if (!open.isEmpty()) {
            BillRun r = open.get(0);
            throw new BillingException(BillingException.Kind.CONFLICT, null, "the run of " + r.from() + " to " + r.to() + " (" + r.id() + ") is "
                    + r.state().id() + " and covers days of this final bill; issue it (or wait to compute it) before settling the move-out, so no day"
                    + " is billed twice", null);
        }
        UnitBill metered = billing.finalBill(site, zone, leaving, start, at);
        List<BillLine> lines = new ArrayList<>(metered.lines());
        lines.addAll(lateFees.lines(site, atDay, Map.of(unit, leaving.payer())).getOrDefault(unit, List.of()));
        UnitBill bill = new UnitBill(metered.unit(), metered.payer(), metered.from(), metered.to(), lines, metered.anomalies());
        if (!bill.anomalies().isEmpty()) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "the final bill cannot be settled from the meters: "
                    + String.join("; ", bill.anomalies()), null);
        }
        List<MoveOut.HandoverReading> readings = handoverReadings(bill);
        BillingAccountStore.Stored next = new BillingAccountStore.Stored(unit, arriving.payer().strip(), arriving.persons(),
                Boolean.TRUE.equals(arriving.timeOfUse()), arriving.feeItems() != null ? arriving.feeItems() : leaving.feeItems(),
                leaving.periods(), at);
        long[] ids = store.saveMoveOut(site, start, bill.to(), atDay, by, now, new BillRunStore.Computed(bill, BillReview.review(bill, Map.of())), at,
                readings, leaving, next);
        LOG.info("event=move-out-settled site={} unit={} at={} run={} total={} leaving=\"{}\" arriving=\"{}\" by=\"{}\"", site, unit, at, ids[1],
                bill.total().toPlainString(), leaving.payer().replace("\"", "'"), next.payer().replace("\"", "'"), by.replace("\"", "'"));
        events.accept(new BillRunIssued(site, ids[1]));
        return find(ids[0]).orElseThrow();
    }

    /** Each metered line's meters at the move-out: the end readings of the final bill's stretches that end there. */
    private static List<MoveOut.HandoverReading> handoverReadings(UnitBill bill) {
        Map<String, MoveOut.HandoverReading> out = new LinkedHashMap<>();
        Instant last = null;
        for (BillLine l : bill.lines()) {
            for (LineReading r : l.readings()) {
                last = last == null || r.currentAt().isAfter(last) ? r.currentAt() : last;
            }
        }
        for (BillLine l : bill.lines()) {
            for (LineReading r : l.readings()) {
                if (r.currentAt().equals(last)) {
                    out.putIfAbsent(l.feeItem() + "|" + r.meter(), new MoveOut.HandoverReading(l.feeItem(), l.feeName(), r.meter(), l.unit(), r.current(),
                            r.currentMethod()));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    public Optional<MoveOut> find(long id) {
        return store.moveOuts(null, null, id).stream().findFirst();
    }

    public List<MoveOut> list(String site, String unit) {
        return store.moveOuts(site, unit, null);
    }
}
