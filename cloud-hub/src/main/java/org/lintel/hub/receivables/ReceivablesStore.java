package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** Payments, their allocations, receipt numbers and adjustments in PostgreSQL, and fee items of issued bills as owed. */
final class ReceivablesStore {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Money of a payment not yet allocated to any fee item. */
    record Unallocated(long paymentId, BigDecimal left, String holder) {

        Unallocated(long paymentId, BigDecimal left) {
            this(paymentId, left, null);
        }

    }

    private final Database db;

    ReceivablesStore(Database db) {
        this.db = db;
    }

    /**
     * Runs {@code work} in one transaction holding the unit's ledger: two clerks taking payments for the same flat, or a
     * payment and a bill run's prepaid offsets, never allocate the same owed fen twice.
     */
    <T> T inUnit(String site, String unit, String doing, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7))")) {
                    lock.setString(1, site + "\u001f" + unit); // the unit separator: neither id contains it
                    lock.execute();
                }
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed(doing, e);
        }
    }

    /** Reads in one snapshot: a statement read while a payment is recorded still adds up. */
    <T> T read(String doing, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.run(c);
            } finally {
                c.rollback(); // the pool puts isolation, read-only and auto-commit back when the connection returns
            }
        } catch (SQLException e) {
            throw Sql.failed(doing, e);
        }
    }

    private static final String ITEMS = "with items as (select b.id as bill_id, b.unit_id, r.id as run_id, r.period_from, r.period_to, r.due_on, l.fee_item,"
            + " min(l.fee_name) as fee_name, min(l.position) as pos, sum(l.amount) as billed"
            + " from bill b join bill_run r on r.id = b.run_id and r.state = 'issued' join bill_line l on l.bill_id = b.id"
            + " where r.site_id = ? %s group by b.id, b.unit_id, r.id, l.fee_item)"
            + " select i.bill_id, i.unit_id, i.run_id, i.period_from, i.period_to, i.due_on, i.fee_item, i.fee_name, i.billed,"
            + " coalesce((select sum(n.amount) from bill_credit_note n where n.bill_id = i.bill_id and n.fee_item = i.fee_item), 0),"
            + " coalesce((select sum(a.amount) from payment_allocation a where a.bill_id = i.bill_id and a.fee_item = i.fee_item), 0),"
            + " coalesce((select sum(x.amount) from receivable_adjustment x where x.bill_id = i.bill_id and x.fee_item = i.fee_item"
            + "   and x.kind = 'write-off' and x.state = 'approved'), 0)"
            + " from items i order by i.unit_id, i.period_from, i.bill_id, i.pos";

    /** The fee items of the unit's issued bills, oldest first, with what each still owes. */
    List<OpenItem> items(Connection c, String site, String unit) throws SQLException {
        return items(c, site, unit, ITEMS.formatted("and b.unit_id = ?"), site, unit).getOrDefault(unit, List.of());
    }

    /** Every unit's items, by unit. */
    Map<String, List<OpenItem>> items(Connection c, String site) throws SQLException {
        return items(c, site, null, ITEMS.formatted(""), site);
    }

    private static Map<String, List<OpenItem>> items(Connection c, String site, String unit, String sql, Object... args) throws SQLException {
        Map<String, List<OpenItem>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal billed = rs.getBigDecimal(9).add(rs.getBigDecimal(10)).setScale(2);
                    BigDecimal paid = rs.getBigDecimal(11).setScale(2);
                    BigDecimal written = rs.getBigDecimal(12).setScale(2);
                    out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new OpenItem(rs.getLong(1), rs.getLong(3),
                            rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7),
                            rs.getString(8), billed, paid, written, billed.subtract(paid).subtract(written)));
                }
            }
        }
        return out;
    }

    /** Each payment's money not yet allocated, oldest payment first, before refunds. */
    /** What issued bills charged (lines and their notes) of the late fee of one fee item of one bill. */
    BigDecimal lateFeeCharged(Connection c, String site, long bill, String feeItem) throws SQLException {
        String item = LateFeeAccrual.lineItem(bill, feeItem);
        try (PreparedStatement ps = c.prepareStatement("select coalesce((select sum(l.amount) from bill_line l join bill b on b.id = l.bill_id"
                + " join bill_run r on r.id = b.run_id and r.state = 'issued' where r.site_id = ? and l.fee_item = ?), 0)"
                + " + coalesce((select sum(n.amount) from bill_credit_note n join bill b on b.id = n.bill_id join bill_run r on r.id = b.run_id"
                + " where r.site_id = ? and n.fee_item = ?), 0)")) {
            Sql.bind(ps, site, item, site, item);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).setScale(2);
            }
        }
    }

    /** The VAT rate of a fee item on a bill (a late fee is taxed as the service it is late for); null when none. */
    BigDecimal taxRate(Connection c, long bill, String feeItem) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select max(tax_rate) from bill_line where bill_id = ? and fee_item = ?")) {
            Sql.bind(ps, bill, feeItem);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal r = rs.getBigDecimal(1);
                return r == null ? null : r.stripTrailingZeros();
            }
        }
    }

    /** Whom each of the unit's issued bills is for (every unit's when {@code unit} is null). */
    Map<Long, String> billPayers(Connection c, String site, String unit) throws SQLException {
        Map<Long, String> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select b.id, b.payer from bill b join bill_run r on r.id = b.run_id and r.state = 'issued'"
                + " where r.site_id = ?" + (unit == null ? "" : " and b.unit_id = ?"))) {
            Sql.bind(ps, unit == null ? new Object[] {site} : new Object[] {site, unit});
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    List<Unallocated> unallocated(Connection c, String site, String unit) throws SQLException {
        List<Unallocated> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select p.id, p.amount - coalesce((select sum(a.amount) from payment_allocation a"
                + " where a.payment_id = p.id), 0), p.holder from payment p where p.site_id = ? and p.unit_id = ? order by p.received_at, p.id")) {
            Sql.bind(ps, site, unit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBigDecimal(2).signum() != 0) {
                        out.add(new Unallocated(rs.getLong(1), rs.getBigDecimal(2).setScale(2), rs.getString(3)));
                    }
                }
            }
        }
        return out;
    }

    BigDecimal refunded(Connection c, String site, String unit) throws SQLException {
        return money(c, "select coalesce(sum(amount), 0) from receivable_adjustment where site_id = ? and unit_id = ? and kind = 'refund'"
                + " and state = 'approved'", site, unit);
    }

    BigDecimal writtenOff(Connection c, long bill, String feeItem) throws SQLException {
        return money(c, "select coalesce(sum(amount), 0) from receivable_adjustment where bill_id = ? and fee_item = ? and kind = 'write-off'"
                + " and state = 'approved'", bill, feeItem);
    }

    BigDecimal waived(Connection c, long bill, String feeItem) throws SQLException {
        return money(c, "select coalesce(sum(amount), 0) from receivable_adjustment where bill_id = ? and fee_item = ? and kind = 'late-fee-waiver'"
                + " and state = 'approved'", bill, feeItem);
    }

    /** Every allocation to one fee item of one bill with when it took effect, oldest first (released ones negative). */
    List<Allocation> allocationsTo(Connection c, long bill, String feeItem) throws SQLException {
        return allocations(c, "bill_id = ? and fee_item = ? order by at, id", bill, feeItem);
    }

    /** The site and unit of an issued bill. */
    Optional<String[]> issuedBill(Connection c, long bill) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select r.site_id, b.unit_id from bill b join bill_run r on r.id = b.run_id and r.state = 'issued'"
                + " where b.id = ?")) {
            Sql.bind(ps, bill);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** A query answering one sum of money. */
    private static BigDecimal money(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).setScale(2);
            }
        }
    }

    /** Each payment's net allocation to one fee item of one bill, newest payment first: what a release takes back. */
    List<Unallocated> allocatedTo(Connection c, long bill, String feeItem) throws SQLException {
        List<Unallocated> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select payment_id, sum(amount) from payment_allocation where bill_id = ? and fee_item = ?"
                + " group by payment_id having sum(amount) > 0 order by payment_id desc")) {
            Sql.bind(ps, bill, feeItem);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unallocated(rs.getLong(1), rs.getBigDecimal(2).setScale(2)));
                }
            }
        }
        return out;
    }

    /** The site's next receipt number, taken inside the payment's transaction: a rolled-back payment gives it back. */
    String nextReceipt(Connection c, String site) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into receipt_counter (site_id, last) values (?, 1)"
                + " on conflict (site_id) do update set last = receipt_counter.last + 1 returning last")) {
            Sql.bind(ps, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format("%08d", rs.getLong(1));
            }
        }
    }

    long insertPayment(Connection c, String site, String unit, String payer, String holder, PaymentMethod method, String reference, BigDecimal amount,
                       Instant receivedAt, String receiptNo, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into payment (site_id, unit_id, payer, holder, method, reference, amount, received_at,"
                + " receipt_no, recorded_by, recorded_at) values (?,?,?,?,?,?,?,?,?,?,?) on conflict do nothing returning id")) {
            Sql.bind(ps, site, unit, payer, holder, method.id(), reference, amount, Sql.ts(receivedAt), receiptNo, by, Sql.ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** The payment that already carries this channel reference, if any. */
    Optional<Long> paymentByReference(Connection c, String site, PaymentMethod method, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select id from payment where site_id = ? and method = ? and reference = ?")) {
            Sql.bind(ps, site, method.id(), reference);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    void allocate(Connection c, long payment, long bill, String feeItem, BigDecimal amount, Instant at, String why) throws SQLException {
        Sql.exec(c, "insert into payment_allocation (payment_id, bill_id, fee_item, amount, at, why) values (?,?,?,?,?,?)", payment, bill, feeItem,
                amount, Sql.ts(at), why);
    }

    private static final String PAYMENTS = "select id, site_id, unit_id, payer, method, reference, amount, received_at, receipt_no, recorded_by, recorded_at"
            + " from payment";

    List<Payment> payments(Connection c, String site, String unit) throws SQLException {
        return payments(c, PAYMENTS + " where site_id = ? and unit_id = ? order by received_at, id", site, unit);
    }

    Optional<Payment> payment(Connection c, long id) throws SQLException {
        return payments(c, PAYMENTS + " where id = ?", id).stream().findFirst();
    }

    private List<Payment> payments(Connection c, String sql, Object... args) throws SQLException {
        List<Payment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    out.add(new Payment(id, rs.getString(2), rs.getString(3), rs.getString(4), PaymentMethod.byId(rs.getString(5)).orElseThrow(),
                            rs.getString(6), rs.getBigDecimal(7).setScale(2), instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10),
                            instant(rs.getTimestamp(11)), List.of()));
                }
            }
        }
        List<Payment> withAllocations = new ArrayList<>();
        for (Payment p : out) {
            withAllocations.add(new Payment(p.id(), p.site(), p.unit(), p.payer(), p.method(), p.reference(), p.amount(), p.receivedAt(), p.receiptNo(),
                    p.recordedBy(), p.recordedAt(), allocations(c, p.id())));
        }
        return withAllocations;
    }

    private static List<Allocation> allocations(Connection c, long payment) throws SQLException {
        return allocations(c, "payment_id = ? order by id", payment);
    }

    private static List<Allocation> allocations(Connection c, String where, Object... args) throws SQLException {
        List<Allocation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select payment_id, bill_id, fee_item, amount, at, why from payment_allocation where " + where)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Allocation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4).setScale(2), instant(rs.getTimestamp(5)),
                            rs.getString(6)));
                }
            }
        }
        return out;
    }

    long insertAdjustment(Connection c, String site, String unit, Adjustment.Kind kind, Long bill, String feeItem, BigDecimal amount, String reason,
                          String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into receivable_adjustment (site_id, unit_id, kind, bill_id, fee_item, amount, reason, state,"
                + " requested_by, requested_at) values (?,?,?,?,?,?,?,'requested',?,?) returning id")) {
            Sql.bind(ps, site, unit, kind.id(), bill, feeItem, amount, reason, by, Sql.ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final String ADJUSTMENTS = "select id, site_id, unit_id, kind, bill_id, fee_item, amount, reason, state, requested_by, requested_at,"
            + " decided_by, decided_at from receivable_adjustment";

    Optional<Adjustment> adjustment(Connection c, long id, boolean lock) throws SQLException {
        return adjustments(c, ADJUSTMENTS + " where id = ?" + (lock ? " for update" : ""), id).stream().findFirst();
    }

    List<Adjustment> adjustments(Connection c, String site, String unit) throws SQLException {
        return adjustments(c, ADJUSTMENTS + " where site_id = ? and unit_id = ? order by id", site, unit);
    }

    List<Adjustment> requested(Connection c, String site) throws SQLException {
        return adjustments(c, ADJUSTMENTS + " where site_id = ? and state = 'requested' order by id", site);
    }

    private static List<Adjustment> adjustments(Connection c, String sql, Object... args) throws SQLException {
        List<Adjustment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long bill = rs.getLong(5);
                    out.add(new Adjustment(rs.getLong(1), rs.getString(2), rs.getString(3), Adjustment.Kind.byId(rs.getString(4)).orElseThrow(),
                            rs.wasNull() ? null : bill, rs.getString(6), rs.getBigDecimal(7).setScale(2), rs.getString(8),
                            Adjustment.State.valueOf(rs.getString(9).toUpperCase(java.util.Locale.ROOT)), rs.getString(10), instant(rs.getTimestamp(11)),
                            rs.getString(12), instant(rs.getTimestamp(13))));
                }
            }
        }
        return out;
    }

    void decide(Connection c, long id, Adjustment.State state, String by, Instant now) throws SQLException {
        Sql.exec(c, "update receivable_adjustment set state = ?, decided_by = ?, decided_at = ? where id = ? and state = 'requested'",
                state.id(), by, Sql.ts(now), id);
    }

    /** Bills and their notes as statement lines: (at, kind, reference, text, amount). */
    List<Statement.Entry> billEntries(Connection c, String site, String unit) throws SQLException {
        List<Statement.Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select r.issued_at, 'bill', 'run ' || r.id, r.period_from || ' – ' || (r.period_to - 1), b.total"
                + " from bill b join bill_run r on r.id = b.run_id and r.state = 'issued' where r.site_id = ? and b.unit_id = ?"
                + " union all select n.created_at, 'credit-note', 'run ' || r.id, n.fee_item || ': ' || n.reason, n.amount from bill_credit_note n"
                + " join bill b on b.id = n.bill_id join bill_run r on r.id = b.run_id where r.site_id = ? and b.unit_id = ?")) {
            Sql.bind(ps, site, unit, site, unit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Statement.Entry(instant(rs.getTimestamp(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5).setScale(2), null));
                }
            }
        }
        return out;
    }

    /**
     * The units whose ledger may need settling: a payment with money not allocated (prepaid, or released by a credit
     * note), or a credit note that may have left a fee paid beyond what it owes.
     */
    List<String> unitsToSettle(Connection c, String site) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select p.unit_id from payment p where p.site_id = ? and p.amount <>"
                + " coalesce((select sum(a.amount) from payment_allocation a where a.payment_id = p.id), 0)"
                + " union select b.unit_id from bill_credit_note n join bill b on b.id = n.bill_id join bill_run r on r.id = b.run_id"
                + " where r.site_id = ? and n.amount < 0 order by 1")) {
            Sql.bind(ps, site, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
