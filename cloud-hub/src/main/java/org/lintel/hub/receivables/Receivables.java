package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.lintel.tariff.LateFee;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.Money;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments, prepaid balances, refunds and write-offs of a site's units, and each unit's statement. Every change to a
 * unit's ledger runs in one transaction holding that unit, and ends with the ledger settled: no fee item paid beyond
 * what it owes, and no prepaid money left while a fee item of the unit is open.
 */
public final class Receivables {

    private static final Logger LOG = LoggerFactory.getLogger(Receivables.class);
    private static final BigDecimal MOST = new BigDecimal("10000000.00");

    /**
     * A payment as a clerk enters it.
     *
     * @param payer      who paid; null: the unit's account holder
     * @param receivedAt when the money came; null: now
     * @param bills      bills the payer chose to pay first; empty: oldest first
     */
    public record PaymentRequest(BigDecimal amount, PaymentMethod method, String reference, Instant receivedAt, String payer, List<Long> bills) {
        public PaymentRequest {
            bills = bills == null ? List.of() : List.copyOf(bills);
        }
    }

    private final ReceivablesStore store;
    private final Clock clock;
    private final BiFunction<String, String, Optional<String>> accountHolder;
    private final Function<String, Map<String, LateFee>> lateFeeRules;
    private final Function<String, ZoneId> zones;

    /**
     * @param accountHolder the payer of a unit's billing account (site, unit), to print on receipts
     * @param lateFeeRules  the late fee of each fee item of the site's tariff that has one (its contract's rule)
     * @param zones         the site's time zone: late fees count its local days
     */
    public Receivables(Database db, Clock clock, BiFunction<String, String, Optional<String>> accountHolder,
                       Function<String, Map<String, LateFee>> lateFeeRules, Function<String, ZoneId> zones) {
        this.store = new ReceivablesStore(db);
        this.clock = clock;
        this.accountHolder = accountHolder;
        this.lateFeeRules = lateFeeRules;
        this.zones = zones;
    }

    /** Records a payment: its receipt number, and what it paid (the chosen bills first, then the oldest); the rest is prepaid. */
    public Payment pay(String site, String unit, PaymentRequest r, String by) {
        Instant now = clock.instant();
        BigDecimal amount = checkedAmount(r.amount());
        if (r.method() == null) {
            throw invalid("method", "field 'method': one of " + PaymentMethod.ids());
        }
        Instant received = r.receivedAt() == null ? now : r.receivedAt();
        if (received.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw invalid("receivedAt", "field 'receivedAt': " + received + " is in the future; money is recorded when it has come");
        }
        if (received.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
            throw invalid("receivedAt", "field 'receivedAt': " + received + " is before 2000");
        }
        String reference = r.reference() == null || r.reference().isBlank() ? null : r.reference().strip();
        if (reference != null && reference.length() > 100) {
            throw invalid("reference", "field 'reference': at most 100 characters, the channel's transaction number");
        }
        if (r.method() != PaymentMethod.CASH && reference == null) {
            throw invalid("reference", "field 'reference': a " + r.method().id() + " payment needs the channel's transaction number, so that"
                    + " its statement can be matched and it is never recorded twice");
        }
        String payer = r.payer() != null && !r.payer().isBlank() ? r.payer().strip() : accountHolder.apply(site, unit).orElse(unit);
        long id = store.inUnit(site, unit, "recording a payment for " + unit, c -> {
            if (reference != null) {
                Optional<Long> earlier = store.paymentByReference(c, site, r.method(), reference);
                if (earlier.isPresent()) {
                    String receipt = store.payment(c, earlier.get()).map(Payment::receiptNo).orElse("?");
                    throw new BillingException(BillingException.Kind.CONFLICT, "reference", "field 'reference': " + r.method().id() + " payment "
                            + reference + " is already recorded (receipt " + receipt + "); nothing was recorded twice", null);
                }
            }
            settle(c, site, unit, now);
            List<OpenItem> items = store.items(c, site, unit);
            Set<Long> known = new HashSet<>();
            items.forEach(i -> known.add(i.billId()));
            for (Long b : r.bills()) {
                if (!known.contains(b)) {
                    throw invalid("bills", "field 'bills': " + unit + " has no issued bill " + b + "; its bills: " + known.stream().sorted().toList());
                }
            }
            String holder = accountHolder.apply(site, unit).orElse(null);
            Map<Long, String> billPayers = store.billPayers(c, site, unit);
            Allocator.Result split = Allocator.allocate(amount, items, new HashSet<>(r.bills()), i -> ownBill(billPayers, i, holder));
            String receipt = store.nextReceipt(c, site);
            long paymentId = store.insertPayment(c, site, unit, payer, holder, r.method(), reference, amount, received, receipt, by, now);
            if (paymentId < 0) {
                // the same reference recorded for another unit meanwhile: this transaction, and its receipt number, are given back
                throw new BillingException(BillingException.Kind.CONFLICT, "reference", "field 'reference': " + r.method().id() + " payment " + reference
                        + " was recorded meanwhile; nothing was recorded twice", null);
            }
            for (Allocator.Share s : split.shares()) {
                store.allocate(c, paymentId, s.billId(), s.feeItem(), s.amount(), received, "payment");
            }
            return paymentId;
        });
        Payment p = payment(id).orElseThrow();
        LOG.info("event=payment-recorded site={} unit={} receipt={} method={} amount={} prepaid={} by=\"{}\"", site, unit, p.receiptNo(), p.method().id(),
                amount.toPlainString(), p.prepaidAtReceipt().toPlainString(), by.replace('"', '\''));
        return p;
    }

    /**
     * Brings a unit's ledger up to date after its bills changed (a run issued, a credit note): a fee item now paid
     * beyond what it owes gives the excess back to the prepaid balance, and prepaid money meets open items, oldest first.
     */
    public void settle(String site, String unit) {
        Instant now = clock.instant();
        store.inUnit(site, unit, "settling " + unit, c -> {
            settle(c, site, unit, now);
            return null;
        });
    }

    /** Settles every unit of the site that may need it (after a run is issued; at start, after a crash). */
    public int settleSite(String site) {
        List<String> units = store.read("listing the units of " + site + " to settle", c -> store.unitsToSettle(c, site));
        units.forEach(u -> settle(site, u));
        return units.size();
    }

    private void settle(Connection c, String site, String unit, Instant now) throws SQLException {
        for (OpenItem i : store.items(c, site, unit)) {
            BigDecimal over = i.owed().negate();
            for (ReceivablesStore.Unallocated a : over.signum() > 0 ? store.allocatedTo(c, i.billId(), i.feeItem()) : List.<ReceivablesStore.Unallocated>of()) {
                BigDecimal back = over.min(a.left());
                store.allocate(c, a.paymentId(), i.billId(), i.feeItem(), back.negate(), now, "released");
                over = over.subtract(back);
                if (over.signum() == 0) {
                    break;
                }
            }
        }
        List<OpenItem> open = new ArrayList<>(store.items(c, site, unit).stream().filter(OpenItem::open).toList());
        BigDecimal[] owed = open.stream().map(OpenItem::owed).toArray(BigDecimal[]::new);
        Map<Long, String> billPayers = store.billPayers(c, site, unit);
        BigDecimal refunded = store.refunded(c, site, unit);
        for (ReceivablesStore.Unallocated u : store.unallocated(c, site, unit)) {
            BigDecimal left = u.left();
            BigDecimal refundedHere = refunded.min(left); // refunds take the oldest prepaid money first
            left = left.subtract(refundedHere);
            refunded = refunded.subtract(refundedHere);
            for (int k = 0; k < open.size() && left.signum() > 0; k++) {
                OpenItem item = open.get(k);
                if (owed[k].signum() == 0 || !ownBill(billPayers, item, u.holder())) {
                    continue;
                }
                BigDecimal part = left.min(owed[k]);
                store.allocate(c, u.paymentId(), item.billId(), item.feeItem(), part, now, "prepaid");
                left = left.subtract(part);
                owed[k] = owed[k].subtract(part);
            }
        }
    }

    /**
     * Whether money of the account holder {@code holder} meets this item without a clerk choosing it: a bill for the
     * same payer (a payment recorded before holders were kept meets any).
     */
    private static boolean ownBill(Map<Long, String> billPayers, OpenItem item, String holder) {
        return holder == null || holder.equals(billPayers.get(item.billId()));
    }

    /** What an imported channel statement did: payments recorded now, lines recorded before, and lines for a clerk. */
    public record Imported(List<Payment> recorded, int alreadyRecorded, List<Unmatched> unmatched) {
    }

    /** A statement line nothing was recorded for, and why. */
    public record Unmatched(int line, String transaction, BigDecimal amount, String remark, String why) {
    }

    /**
     * Imports a channel's daily statement: a line whose transaction is already recorded is skipped (so importing the
     * same statement twice records nothing twice); a line whose remark names an issued bill of the site (B and its
     * id, as the payment notice prints it) is recorded as a payment for that bill's unit, paying that bill first; every
     * other line is listed for a clerk. A statement with any malformed line is refused whole, nothing recorded.
     */
    public Imported importStatement(String site, PaymentMethod method, String name, String text, ZoneId zone, String by) {
        List<ChannelStatement.Line> lines = ChannelStatement.read(name, text, zone);
        List<Payment> recorded = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        int already = 0;
        for (ChannelStatement.Line l : lines) {
            Optional<Payment> earlier = store.read("reading payment " + l.transaction(), c -> {
                Optional<Long> id = store.paymentByReference(c, site, method, l.transaction());
                return id.isPresent() ? store.payment(c, id.get()) : Optional.<Payment>empty();
            });
            if (earlier.isPresent()) {
                if (earlier.get().amount().compareTo(l.amount()) == 0) {
                    already++;
                } else {
                    unmatched.add(new Unmatched(l.line(), l.transaction(), l.amount(), l.remark(), "recorded as receipt " + earlier.get().receiptNo()
                            + " with " + earlier.get().amount().toPlainString() + " CNY; the statement says " + l.amount().toPlainString()));
                }
                continue;
            }
            Optional<String[]> bill = l.bill().flatMap(b -> store.read("reading bill " + b, c -> store.issuedBill(c, b)));
            if (l.bill().isEmpty() || bill.isEmpty() || !bill.get()[0].equals(site)) {
                unmatched.add(new Unmatched(l.line(), l.transaction(), l.amount(), l.remark(), l.bill().isEmpty()
                        ? "the remark names no bill (B and the bill's number, as the payment notice prints it)"
                        : "B" + l.bill().get() + " is no issued bill of site " + site));
                continue;
            }
            try {
                recorded.add(pay(site, bill.get()[1], new PaymentRequest(l.amount(), method, l.transaction(), l.at(), null, List.of(l.bill().get())), by));
            } catch (BillingException e) {
                if (e.kind() != BillingException.Kind.CONFLICT) {
                    throw e;
                }
                already++; // recorded meanwhile by someone else
            }
        }
        LOG.info("event=channel-statement-imported site={} method={} file=\"{}\" lines={} recorded={} alreadyRecorded={} unmatched={} by=\"{}\"", site,
                method.id(), name.replace('"', '\''), lines.size(), recorded.size(), already, unmatched.size(), by.replace('"', '\''));
        return new Imported(recorded, already, unmatched);
    }

    /** The unit's statement: every bill, note, payment, write-off and refund with the running balance, and what is open. */
    public Statement statement(String site, String unit) {
        return store.read("reading the statement of " + unit, c -> {
            List<Statement.Entry> entries = new ArrayList<>(store.billEntries(c, site, unit));
            List<Payment> payments = store.payments(c, site, unit);
            for (Payment p : payments) {
                entries.add(new Statement.Entry(p.receivedAt(), "payment", p.receiptNo(), p.method().zh() + " " + p.method().en()
                        + (p.reference() == null ? "" : " " + p.reference()), p.amount().negate(), null));
            }
            for (Adjustment a : store.adjustments(c, site, unit)) {
                // a waived late fee was never in the balance: it shows with the late fees, not here
                if (a.state() == Adjustment.State.APPROVED && a.kind() != Adjustment.Kind.LATE_FEE_WAIVER) {
                    entries.add(new Statement.Entry(a.decidedAt(), a.kind().id(), "#" + a.id(), a.reason(),
                            a.kind() == Adjustment.Kind.REFUND ? a.amount() : a.amount().negate(), null));
                }
            }
            entries.sort(Comparator.comparing(Statement.Entry::at));
            List<Statement.Entry> running = new ArrayList<>();
            BigDecimal balance = Money.zero();
            for (Statement.Entry e : entries) {
                balance = balance.add(e.amount());
                running.add(new Statement.Entry(e.at(), e.kind(), e.reference(), e.text(), e.amount(), balance));
            }
            BigDecimal prepaid = prepaid(c, site, unit);
            List<OpenItem> items = store.items(c, site, unit);
            return new Statement(site, unit, running, items, prepaid, balance, lateFees(c, site, items));
        });
    }

    /** The late fee of each of the items whose fee has a contract rule, on the site's today. */
    private List<LateFeeAccrual> lateFees(Connection c, String site, List<OpenItem> items) throws SQLException {
        return lateFees(c, site, items, LocalDate.ofInstant(clock.instant(), zones.apply(site)));
    }

    private List<LateFeeAccrual> lateFees(Connection c, String site, List<OpenItem> items, LocalDate today) throws SQLException {
        Map<String, LateFee> rules = lateFeeRules.apply(site);
        ZoneId zone = zones.apply(site);
        List<LateFeeAccrual> out = new ArrayList<>();
        for (OpenItem i : items) {
            LateFee rule = rules.get(i.feeItem());
            if (rule == null || i.dueOn() == null || !i.dueOn().plusDays(rule.graceDays() + 1L).isBefore(today.plusDays(1))) {
                continue;
            }
            List<LateFeeAccrual.Paid> paid = new ArrayList<>();
            for (Allocation a : store.allocationsTo(c, i.billId(), i.feeItem())) {
                paid.add(new LateFeeAccrual.Paid(LocalDate.ofInstant(a.at(), zone), a.amount()));
            }
            out.add(LateFeeAccrual.of(rule, i, paid, store.waived(c, i.billId(), i.feeItem()), store.lateFeeCharged(c, site, i.billId(), i.feeItem()),
                    today));
        }
        return out;
    }

    /**
     * The late-fee lines each unit's bill charges (违约金), for the payer given per unit: for each fee of that payer's
     * issued bills, what its late fee has accrued by {@code asOf} under its contract's rule, less what was waived and
     * what bills charged before; each line names the bill and fee it is late for, the days and the clause. Two
     * site-wide reads, then a few per fee that is late.
     */
    public Map<String, List<BillLine>> lateFeeLines(String site, LocalDate asOf, Map<String, String> payers) {
        return store.read("computing the late fees of " + site, c -> {
            Map<String, List<OpenItem>> all = store.items(c, site);
            Map<Long, String> billPayers = store.billPayers(c, site, null);
            Map<String, List<BillLine>> out = new java.util.HashMap<>();
            for (Map.Entry<String, String> unit : payers.entrySet()) {
                List<OpenItem> items = all.getOrDefault(unit.getKey(), List.of()).stream()
                        .filter(i -> unit.getValue().equals(billPayers.get(i.billId()))).toList();
                List<BillLine> lines = new ArrayList<>();
                for (LateFeeAccrual a : lateFees(c, site, items, asOf)) {
                    BigDecimal charge = a.due();
                    if (charge.signum() <= 0) {
                        continue;
                    }
                    OpenItem i = items.stream().filter(x -> x.billId() == a.billId() && x.feeItem().equals(a.feeItem())).findFirst().orElseThrow();
                    String fee = i.feeName() != null ? i.feeName() : i.feeItem();
                    String basis = fee + " " + i.periodFrom() + "–" + i.periodTo().minusDays(1) + " B" + a.billId() + " 逾期 overdue " + a.firstDay() + "–"
                            + a.lastDay() + " " + a.days() + " 天 days" + (a.capped() ? " 封顶 capped " + a.cap().toPlainString() : "")
                            + (a.charged().signum() > 0 ? " 已计 charged before " + a.charged().toPlainString() : "")
                            + (a.waived().signum() > 0 ? " 已减免 waived " + a.waived().toPlainString() : "") + " (" + a.clause() + ")";
                    lines.add(new BillLine(LateFeeAccrual.lineItem(a.billId(), a.feeItem()), "违约金 " + fee, BillLine.Kind.LATE_FEE, basis, BigDecimal.ONE,
                            null, null, charge, false, store.taxRate(c, a.billId(), a.feeItem()), false, List.of()));
                }
                if (!lines.isEmpty()) {
                    out.put(unit.getKey(), lines);
                }
            }
            return out;
        });
    }

    private BigDecimal lateFeeDue(Connection c, String site, String unit, long bill, String feeItem) throws SQLException {
        OpenItem item = item(c, site, unit, bill, feeItem);
        return lateFees(c, site, List.of(item)).stream().map(LateFeeAccrual::due).findFirst().orElse(Money.zero());
    }

    public List<Payment> payments(String site, String unit) {
        return store.read("reading the payments of " + unit, c -> store.payments(c, site, unit));
    }

    public Optional<Payment> payment(long id) {
        return store.read("reading payment " + id, c -> store.payment(c, id));
    }

    /** Asks for a refund of prepaid money; in effect once someone else approves it. */
    public Adjustment requestRefund(String site, String unit, BigDecimal amount, String reason, String by) {
        return request(Adjustment.Kind.REFUND, site, unit, null, null, amount, reason, by);
    }

    /** Asks to write off part or all of what a fee item of an issued bill owes; in effect once someone else approves it. */
    public Adjustment requestWriteOff(String site, String unit, long bill, String feeItem, BigDecimal amount, String reason, String by) {
        return request(Adjustment.Kind.WRITE_OFF, site, unit, bill, feeItem, amount, reason, by);
    }

    /** Asks to waive part or all of a fee item's late fee (减免违约金); in effect once someone else approves it. */
    public Adjustment requestWaiver(String site, String unit, long bill, String feeItem, BigDecimal amount, String reason, String by) {
        return request(Adjustment.Kind.LATE_FEE_WAIVER, site, unit, bill, feeItem, amount, reason, by);
    }

    private Adjustment request(Adjustment.Kind kind, String site, String unit, Long bill, String feeItem, BigDecimal amount, String reason, String by) {
        BigDecimal a = checkedAmount(amount);
        String why = checkedReason(reason);
        Instant now = clock.instant();
        long id = store.inUnit(site, unit, "asking for a " + kind.id() + " for " + unit, c -> {
            BigDecimal most = ceiling(c, kind, site, unit, bill, feeItem);
            if (a.compareTo(most) > 0) {
                throw conflict("amount", "field 'amount': " + most(kind, unit, bill, feeItem, most));
            }
            return store.insertAdjustment(c, site, unit, kind, bill, feeItem, a, why, by, now);
        });
        return adjustment(id).orElseThrow();
    }

    /** The most an adjustment of this kind may be now: the prepaid balance, what the fee owes, or its late fee due. */
    private BigDecimal ceiling(Connection c, Adjustment.Kind kind, String site, String unit, Long bill, String feeItem) throws SQLException {
        return switch (kind) {
            case REFUND -> prepaid(c, site, unit);
            case WRITE_OFF -> item(c, site, unit, bill, feeItem).owed();
            case LATE_FEE_WAIVER -> lateFeeDue(c, site, unit, bill, feeItem);
        };
    }

    private static String most(Adjustment.Kind kind, String unit, Long bill, String feeItem, BigDecimal most) {
        return switch (kind) {
            case REFUND -> unit + " has " + most.toPlainString() + " CNY prepaid; a refund returns at most that";
            case WRITE_OFF -> feeItem + " of bill " + bill + " owes " + most.toPlainString() + " CNY; a write-off removes at most that";
            case LATE_FEE_WAIVER -> "the late fee of " + feeItem + " of bill " + bill + " is " + most.toPlainString()
                    + " CNY today (after earlier waivers); a waiver forgives at most that";
        };
    }

    /** Approves or rejects an adjustment; never by the person who asked for it. Checked again against the ledger as it is now. */
    public Adjustment decide(long id, boolean approve, String by) {
        Adjustment a = adjustment(id).orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, null, "there is no adjustment " + id, null));
        if (a.requestedBy().equals(by)) {
            throw conflict(null, "adjustment " + id + " was asked for by " + by + "; someone else decides it (four eyes)");
        }
        Instant now = clock.instant();
        store.inUnit(a.site(), a.unit(), "deciding adjustment " + id, c -> {
            Adjustment locked = store.adjustment(c, id, true).orElseThrow();
            if (locked.state() != Adjustment.State.REQUESTED) {
                throw conflict(null, "adjustment " + id + " was already " + locked.state().id() + " by " + locked.decidedBy());
            }
            BigDecimal most = approve ? ceiling(c, locked.kind(), a.site(), a.unit(), locked.billId(), locked.feeItem()) : null;
            if (approve && locked.amount().compareTo(most) > 0) {
                throw conflict("amount", "adjustment " + id + " of " + locked.amount().toPlainString() + " CNY: " + most(locked.kind(), a.unit(),
                        locked.billId(), locked.feeItem(), most) + " now; reject it and ask again");
            }
            store.decide(c, id, approve ? Adjustment.State.APPROVED : Adjustment.State.REJECTED, by, now);
            settle(c, a.site(), a.unit(), now);
            return null;
        });
        Adjustment decided = adjustment(id).orElseThrow();
        LOG.info("event=adjustment-decided site={} unit={} id={} kind={} amount={} state={} by=\"{}\"", a.site(), a.unit(), id, a.kind().id(),
                a.amount().toPlainString(), decided.state().id(), by.replace('"', '\''));
        return decided;
    }

    public Optional<Adjustment> adjustment(long id) {
        return store.read("reading adjustment " + id, c -> store.adjustment(c, id, false));
    }

    /** Adjustments of the site waiting for a decision, oldest first. */
    public List<Adjustment> pending(String site) {
        return store.read("reading the adjustments of " + site, c -> store.requested(c, site));
    }

    /** One unit's fee items of issued bills with what each owes, oldest first. */
    public List<OpenItem> items(String site, String unit) {
        return store.read("reading what " + unit + " owes", c -> store.items(c, site, unit));
    }

    /** Whom each of a unit's issued bills is for (a unit changes hands: each occupant is reminded of their own bills only). */
    public Map<Long, String> billPayers(String site, String unit) {
        return store.read("reading whom the bills of " + unit + " are for", c -> store.billPayers(c, site, unit));
    }

    /** Every unit's fee items of issued bills with what each owes, by unit. */
    public java.util.Map<String, List<OpenItem>> items(String site) {
        return store.read("reading what " + site + " is owed", c -> store.items(c, site));
    }

    /** What approved write-offs have forgiven of a fee item of a bill. */
    public BigDecimal writtenOff(long bill, String feeItem) {
        return store.read("reading the write-offs of bill " + bill, c -> store.writtenOff(c, bill, feeItem));
    }

    private BigDecimal prepaid(Connection c, String site, String unit) throws SQLException {
        return store.unallocated(c, site, unit).stream().map(ReceivablesStore.Unallocated::left).reduce(Money.zero(), BigDecimal::add)
                .subtract(store.refunded(c, site, unit));
    }

    private OpenItem item(Connection c, String site, String unit, long bill, String feeItem) throws SQLException {
        return store.items(c, site, unit).stream().filter(i -> i.billId() == bill && i.feeItem().equals(feeItem)).findFirst()
                .orElseThrow(() -> invalid("feeItem", "fields 'bill' and 'feeItem': " + unit + " has no issued bill " + bill + " with fee item '" + feeItem + "'"));
    }

    private static BigDecimal checkedAmount(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > Money.SCALE || amount.compareTo(MOST) > 0) {
            throw invalid("amount", "field 'amount': yuan and fen above 0 and at most " + MOST.toPlainString() + ", e.g. \"268.40\"; found "
                    + (amount == null ? "nothing" : amount.toPlainString()));
        }
        return amount.setScale(Money.SCALE);
    }

    private static String checkedReason(String reason) {
        if (reason == null || reason.strip().length() < 5 || reason.length() > 1000) {
            throw invalid("reason", "field 'reason': 5 to 1,000 characters saying why, kept in the audit trail");
        }
        return reason.strip();
    }

    private static BillingException invalid(String field, String message) {
        return new BillingException(BillingException.Kind.INVALID, field, message, null);
    }

    private static BillingException conflict(String field, String message) {
        return new BillingException(BillingException.Kind.CONFLICT, field, message, null);
    }
}
