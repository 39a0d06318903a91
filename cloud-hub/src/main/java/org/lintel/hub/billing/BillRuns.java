package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bill runs: a draft is computed from the readings and may be computed again as often as wanted (late readings, a
 * corrected tariff), replacing its bills; an approved run is frozen for issuing, and only someone other than who
 * computed it may approve it; an issued run never changes. One run per site and period.
 */
public final class BillRuns {

    private static final Logger LOG = LoggerFactory.getLogger(BillRuns.class);

    private final Database db;
    private final Billing billing;
    private final Clock clock;

    public BillRuns(Database db, Billing billing, Clock clock) {
        this.db = db;
        this.billing = billing;
        this.clock = clock;
    }

    /** Computes the period's draft (a new one, or the existing draft again); refused once the run is approved or issued. */
    public BillRun draft(String site, ZoneId zone, LocalDate from, LocalDate to, String by) {
        Optional<BillRun> existing = find(site, from, to);
        if (existing.isPresent() && existing.get().state() != BillRun.State.DRAFT) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "the run of " + from + " to " + to + " is " + existing.get().state().id()
                    + "; an issued bill is corrected by a credit note, not by running it again", null);
        }
        List<UnitBill> bills = billing.preview(site, zone, from, to);
        Instant now = clock.instant();
        long id;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (existing.isPresent()) {
                    id = existing.get().id();
                    Sql.exec(c, "delete from bill where run_id = ?", id);
                    Sql.exec(c, "update bill_run set computed_at = ? where id = ? and state = 'draft'", Sql.ts(now), id);
                } else {
                    try (PreparedStatement ps = c.prepareStatement("insert into bill_run (site_id, period_from, period_to, state, created_by, created_at,"
                            + " computed_at) values (?,?,?,'draft',?,?,?) returning id")) {
                        Sql.bind(ps, site, from, to, by, Sql.ts(now), Sql.ts(now));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                    }
                }
                for (UnitBill b : bills) {
                    long billId;
                    try (PreparedStatement ps = c.prepareStatement("insert into bill (run_id, unit_id, payer, total, estimated, anomalies) values (?,?,?,?,?,?) returning id")) {
                        Sql.bind(ps, id, b.unit(), b.payer(), b.total(), b.estimated(), String.join("\n", b.anomalies()));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            billId = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement("insert into bill_line (bill_id, position, fee_item, basis, quantity, unit, unit_price,"
                            + " amount, estimated) values (?,?,?,?,?,?,?,?,?)")) {
                        int pos = 0;
                        for (BillLine l : b.lines()) {
                            Sql.bind(ps, billId, pos++, l.feeItem(), l.basis(), l.quantity(), l.unit(), l.unitPrice(), l.amount(), l.estimated());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("storing the bill run of " + site + " " + from + " to " + to, e);
        }
        LOG.info("event=bill-run-computed site={} run={} from={} to={} bills={} by=\"{}\"", site, id, from, to, bills.size(), by.replace('"', '\''));
        return find(id).orElseThrow();
    }

    /** Draft → approved, by someone other than who computed the draft (four eyes on money). */
    public BillRun approve(long id, String by) {
        BillRun run = find(id).orElseThrow(() -> notFound(id));
        if (run.state() != BillRun.State.DRAFT) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " is " + run.state().id() + "; only a draft is approved", null);
        }
        if (run.createdBy().equals(by)) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " was computed by " + by
                    + "; someone else approves it", null);
        }
        move(id, "approved", "approved_by = ?, approved_at = ?", by);
        return find(id).orElseThrow();
    }

    /** Approved → issued: the bills are final from now on. */
    public BillRun issue(long id, String by) {
        BillRun run = find(id).orElseThrow(() -> notFound(id));
        if (run.state() != BillRun.State.APPROVED) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " is " + run.state().id() + "; only an approved run is issued", null);
        }
        List<String> open = bills(id).stream().flatMap(b -> b.anomalies().stream().map(x -> b.unit() + ": " + x)).toList();
        if (!open.isEmpty()) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " has " + open.size() + " anomal" + (open.size() == 1 ? "y" : "ies")
                    + " to resolve before it is issued (then compute the draft again); the first: " + open.get(0), null);
        }
        move(id, "issued", "issued_by = ?, issued_at = ?", by);
        return find(id).orElseThrow();
    }

    private void move(long id, String state, String who, String by) {
        try (Connection c = db.connection()) {
            Sql.exec(c, "update bill_run set state = '" + state + "', " + who + " where id = ?", by, Sql.ts(clock.instant()), id);
        } catch (SQLException e) {
            throw Sql.failed("moving bill run " + id + " to " + state, e);
        }
        LOG.info("event=bill-run-{} run={} by=\"{}\"", state, id, by.replace('"', '\''));
    }

    public List<BillRun> list(String site) {
        return query(SELECT + " where r.site_id = ? group by r.id order by r.period_from desc", site);
    }

    public Optional<BillRun> find(long id) {
        return query(SELECT + " where r.id = ? group by r.id", id).stream().findFirst();
    }

    private Optional<BillRun> find(String site, LocalDate from, LocalDate to) {
        return query(SELECT + " where r.site_id = ? and r.period_from = ? and r.period_to = ? group by r.id", site, from, to).stream().findFirst();
    }

    /** The bills of a run as they were stored, each with its lines. */
    public List<UnitBill> bills(long id) {
        BillRun run = find(id).orElseThrow(() -> notFound(id));
        List<UnitBill> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select b.id, b.unit_id, b.payer, b.anomalies from bill b where b.run_id = ? order by b.unit_id");
             PreparedStatement lines = c.prepareStatement("select fee_item, basis, quantity, unit, unit_price, amount, estimated from bill_line"
                     + " where bill_id = ? order by position")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<BillLine> ls = new ArrayList<>();
                    lines.setLong(1, rs.getLong(1));
                    try (ResultSet l = lines.executeQuery()) {
                        while (l.next()) {
                            BigDecimal price = l.getBigDecimal(5);
                            ls.add(new BillLine(l.getString(1), l.getString(2), l.getBigDecimal(3).stripTrailingZeros(), l.getString(4),
                                    price == null ? null : price.stripTrailingZeros(), l.getBigDecimal(6), l.getBoolean(7)));
                        }
                    }
                    String anomalies = rs.getString(4);
                    out.add(new UnitBill(rs.getString(2), rs.getString(3), run.from(), run.to(), ls,
                            anomalies.isEmpty() ? List.of() : List.of(anomalies.split("\n"))));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the bills of run " + id, e);
        }
        return out;
    }

    private static final String SELECT = "select r.id, r.site_id, r.period_from, r.period_to, r.state, r.created_by, r.created_at, r.computed_at,"
            + " r.approved_by, r.approved_at, r.issued_by, r.issued_at, count(b.id), coalesce(sum(b.total), 0)"
            + " from bill_run r left join bill b on b.run_id = r.id";

    private List<BillRun> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<BillRun> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new BillRun(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                            BillRun.State.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), instant(rs.getTimestamp(7)),
                            instant(rs.getTimestamp(8)), rs.getString(9), instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)),
                            rs.getInt(13), rs.getBigDecimal(14).setScale(Money.SCALE)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failed("reading bill runs", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static BillingException notFound(long id) {
        return new BillingException(BillingException.Kind.NOT_FOUND, null, "there is no bill run " + id, null);
    }
}
