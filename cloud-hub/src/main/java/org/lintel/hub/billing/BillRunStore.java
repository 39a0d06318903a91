package org.lintel.hub.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** Bill runs, their bills and printed lines, overrides and the grid's bill, as PostgreSQL keeps them. */
final class BillRunStore {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final TypeReference<List<LineReading>> READINGS = new TypeReference<>() { };

    /** A computed bill with the review's findings, to be stored. */
    record Computed(UnitBill bill, BillReview.Findings findings) {
    }

    private final Database db;

    BillRunStore(Database db) {
        this.db = db;
    }

    /** Stores the period's bills: in a new draft run, or replacing the bills of the existing draft {@code existing}. */
    long saveDraft(Long existing, String site, LocalDate from, LocalDate to, String by, Instant now, List<Computed> bills, java.util.Set<Long> trued) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                if (existing != null) {
                    id = existing;
                    // the run may have been approved while this draft was being computed: never replace its bills then
                    String state = lockedState(c, id);
                    if (!"draft".equals(state)) {
                        throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " was " + state + " while this draft was"
                                + " being computed; its bills are kept as they were", null);
                    }
                    Sql.exec(c, "delete from bill where run_id = ?", id);
                    Sql.exec(c, "delete from bill_true_up where run_id = ?", id);
                    Sql.exec(c, "update bill_run set computed_at = ? where id = ? and state = 'draft'", Sql.ts(now), id);
                } else {
                    try (PreparedStatement ps = c.prepareStatement("insert into bill_run (site_id, period_from, period_to, state, created_by, created_at,"
                            + " computed_at) values (?,?,?,'draft',?,?,?) on conflict (site_id, period_from, period_to) where kind = 'period' do nothing returning id")) {
                        Sql.bind(ps, site, from, to, by, Sql.ts(now), Sql.ts(now));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                // two clerks (or one double click) computing the same new period at once: the first one's run stands
                                throw new BillingException(BillingException.Kind.CONFLICT, null, "the run of " + from + " to " + to
                                        + " was created by someone else while this one was being computed; compute it again to replace its draft", null);
                            }
                            id = rs.getLong(1);
                        }
                    }
                }
                insertBills(c, id, bills);
                try (PreparedStatement ps = c.prepareStatement("insert into bill_true_up (bill_id, run_id) values (?, ?)")) {
                    for (long bill : trued) {
                        Sql.bind(ps, bill, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bill line's readings do not serialize", e);
        } catch (SQLException e) {
            throw Sql.failed("storing the bill run of " + site + " " + from + " to " + to, e);
        }
    }

    private static void insertBills(Connection c, long id, List<Computed> bills) throws SQLException, JsonProcessingException {
        try (PreparedStatement bill = c.prepareStatement("insert into bill (run_id, unit_id, payer, total, estimated, anomalies, flags)"
                + " values (?,?,?,?,?,?,?) returning id");
             PreparedStatement line = c.prepareStatement("insert into bill_line (bill_id, position, fee_item, fee_name, kind, basis, quantity, unit,"
                     + " unit_price, amount, estimated, tax_rate, resold, readings) values (?,?,?,?,?,?,?,?,?,?,?,?,?,cast(? as jsonb))")) {
            for (Computed k : bills) {
                UnitBill b = k.bill();
                List<String> anomalies = new ArrayList<>(b.anomalies());
                anomalies.addAll(k.findings().anomalies());
                Sql.bind(bill, id, b.unit(), b.payer(), b.total(), b.estimated(), String.join("\n", anomalies), String.join("\n", k.findings().flags()));
                long billId;
                try (ResultSet rs = bill.executeQuery()) {
                    rs.next();
                    billId = rs.getLong(1);
                }
                int pos = 0;
                for (BillLine l : b.lines()) {
                    Sql.bind(line, billId, pos++, l.feeItem(), l.feeName(), l.kind().id(), l.basis(), l.quantity(), l.unit(), l.unitPrice(), l.amount(),
                            l.estimated(), l.taxRate(), l.resold(), JSON.writeValueAsString(l.readings()));
                    line.addBatch();
                }
                line.executeBatch();
            }
        }
    }

    /**
     * Stores a settled move-out in one transaction: a move-out run issued at once with the final bill, the move-out
     * with its handover readings, and the unit's account handed to the arriving occupant.
     */
    long[] saveMoveOut(String site, LocalDate from, LocalDate to, LocalDate due, String by, Instant now, Computed bill, Instant at,
                       List<MoveOut.HandoverReading> readings, BillingAccountStore.Stored leaving, BillingAccountStore.Stored arriving) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long run;
                try (PreparedStatement ps = c.prepareStatement("insert into bill_run (site_id, period_from, period_to, state, created_by, created_at,"
                        + " computed_at, approved_by, approved_at, issued_by, issued_at, due_on, kind) values (?,?,?,'issued',?,?,?,?,?,?,?,?,'move-out')"
                        + " returning id")) {
                    Sql.bind(ps, site, from, to, by, Sql.ts(now), Sql.ts(now), by, Sql.ts(now), by, Sql.ts(now), due);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        run = rs.getLong(1);
                    }
                }
                insertBills(c, run, List.of(bill));
                long id;
                try (PreparedStatement ps = c.prepareStatement("insert into move_out (site_id, unit_id, moved_out_at, leaving_payer, arriving_payer, run_id,"
                        + " readings, recorded_by, recorded_at) values (?,?,?,?,?,?,cast(? as jsonb),?,?) returning id")) {
                    Sql.bind(ps, site, leaving.unit(), Sql.ts(at), leaving.payer(), arriving.payer(), run, JSON.writeValueAsString(readings), by, Sql.ts(now));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
                BillingAccountStore.handOver(c, site, leaving, arriving);
                c.commit();
                return new long[] {id, run};
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the handover readings do not serialize", e);
        } catch (SQLException e) {
            throw Sql.failed("storing the move-out of " + site + " " + leaving.unit(), e);
        }
    }

    /** The day after the unit was last billed to in an issued period run; empty when it never was. */
    Optional<LocalDate> lastBilledTo(String site, String unit) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("select max(r.period_to) from bill_run r join bill b on b.run_id = r.id"
                + " where r.site_id = ? and b.unit_id = ? and r.state = 'issued' and r.kind = 'period'")) {
            Sql.bind(ps, site, unit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getObject(1, LocalDate.class));
            }
        } catch (SQLException e) {
            throw Sql.failed("finding where " + unit + " was last billed to", e);
        }
    }

    /** Period runs not yet issued that overlap [from, to): a move-out inside one would bill its days twice. */
    List<BillRun> unissuedOverlapping(String site, LocalDate from, LocalDate to) {
        return query(SELECT + " where r.site_id = ? and r.kind = 'period' and r.state <> 'issued' and r.period_from < ? and r.period_to > ?"
                + " order by r.period_from", site, to, from);
    }

    private static final TypeReference<List<MoveOut.HandoverReading>> HANDOVER = new TypeReference<>() { };

    List<MoveOut> moveOuts(String site, String unit, Long id) {
        String sql = "select id, site_id, unit_id, moved_out_at, leaving_payer, arriving_payer, run_id, readings::text, recorded_by, recorded_at from move_out"
                + (id != null ? " where id = ?" : " where site_id = ?" + (unit != null ? " and unit_id = ?" : "")) + " order by moved_out_at desc, id desc";
        Object[] args = id != null ? new Object[] {id} : unit != null ? new Object[] {site, unit} : new Object[] {site};
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<MoveOut> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new MoveOut(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                            rs.getLong(7), JSON.readValue(rs.getString(8), HANDOVER), rs.getString(9), rs.getTimestamp(10).toInstant()));
                }
                return out;
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored handover readings do not read back", e);
        } catch (SQLException e) {
            throw Sql.failed("reading move-outs of " + site, e);
        }
    }

    /**
     * Moves a run from state {@code from} to {@code to} holding its row: a draft being stored waits, and
     * {@code check} sees the run as it is now (its anomalies, its grid bill) and may refuse by throwing.
     */
    void move(long id, String from, String to, String whoColumn, String whenColumn, String by, Instant at, java.util.function.Consumer<BillRun> check) {
        move(id, from, to, whoColumn, whenColumn, by, at, null, check);
    }

    /** Moves the run on; an issued run gets its due date. */
    void move(long id, String from, String to, String whoColumn, String whenColumn, String by, Instant at, LocalDate dueOn,
              java.util.function.Consumer<BillRun> check) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                String state = lockedState(c, id);
                if (!from.equals(state)) {
                    throw new BillingException(BillingException.Kind.CONFLICT, null, "run " + id + " is " + state + "; only a " + from + " run becomes "
                            + to, null);
                }
                check.accept(find(id).orElseThrow());
                Sql.exec(c, "update bill_run set state = ?, " + whoColumn + " = ?, " + whenColumn + " = ?, due_on = coalesce(?, due_on) where id = ?", to, by,
                        Sql.ts(at), dueOn, id);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("moving bill run " + id + " to " + to, e);
        }
    }

    private static String lockedState(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select state from bill_run where id = ? for update")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new BillingException(BillingException.Kind.NOT_FOUND, null, "there is no bill run " + id, null);
                }
                return rs.getString(1);
            }
        }
    }

    void override(long id, String unit, List<String> anomalies, String reason, String by, Instant at) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("insert into bill_override (run_id, unit_id, anomaly, reason,"
                + " created_by, created_at) values (?,?,?,?,?,?) on conflict do nothing")) {
            for (String a : anomalies) {
                Sql.bind(ps, id, unit, a, reason, by, Sql.ts(at));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw Sql.failed("overriding anomalies of run " + id + " unit " + unit, e);
        }
    }

    void creditNote(long bill, String feeItem, BigDecimal amount, String reason, String by, Instant at) {
        exec("keeping a credit note of bill " + bill, "insert into bill_credit_note (bill_id, fee_item, amount, reason, created_by, created_at)"
                + " values (?,?,?,?,?,?)", bill, feeItem, amount, reason, by, Sql.ts(at));
    }

    /** False when the run was issued meanwhile: an issued run's grid bill stays as it was. */
    boolean gridBill(long id, BigDecimal amount, String reference, String by) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("update bill_run set grid_bill = ?, grid_bill_reference = ?,"
                + " grid_bill_by = ? where id = ? and state <> 'issued'")) {
            Sql.bind(ps, amount, reference, by, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failed("entering the grid bill of run " + id, e);
        }
    }

    private void exec(String doing, String sql, Object... args) {
        try (Connection c = db.connection()) {
            Sql.exec(c, sql, args);
        } catch (SQLException e) {
            throw Sql.failed(doing, e);
        }
    }

    private static final String SELECT = "select r.id, r.site_id, r.period_from, r.period_to, r.state, r.created_by, r.created_at, r.computed_at,"
            + " r.approved_by, r.approved_at, r.issued_by, r.issued_at,"
            + " (select count(*) from bill b where b.run_id = r.id),"
            + " (select coalesce(sum(b.total), 0) from bill b where b.run_id = r.id),"
            + " (select count(*) from bill b cross join lateral unnest(string_to_array(nullif(b.anomalies, ''), E'\\n')) as x(a) where b.run_id = r.id"
            + "   and not exists (select 1 from bill_override o where o.run_id = r.id and o.unit_id = b.unit_id and o.anomaly = x.a)),"
            + " (select coalesce(sum(l.amount), 0) from bill b join bill_line l on l.bill_id = b.id where b.run_id = r.id and l.resold),"
            + " r.grid_bill, r.grid_bill_reference, r.due_on, r.kind from bill_run r";

    List<BillRun> list(String site) {
        return query(SELECT + " where r.site_id = ? order by r.period_from desc, r.id desc", site);
    }

    Optional<BillRun> find(long id) {
        return query(SELECT + " where r.id = ?", id).stream().findFirst();
    }

    Optional<BillRun> find(String site, LocalDate from, LocalDate to) {
        return query(SELECT + " where r.site_id = ? and r.kind = 'period' and r.period_from = ? and r.period_to = ?", site, from, to).stream().findFirst();
    }

    /** The latest issued run of the site that ended on or before {@code day}: the "last period" of a review. */
    Optional<BillRun> lastIssuedBefore(String site, LocalDate day) {
        return query(SELECT + " where r.site_id = ? and r.kind = 'period' and r.state = 'issued' and r.period_to <= ? order by r.period_to desc limit 1", site, day)
                .stream().findFirst();
    }

    /**
     * Issued bills of the site ending on or before {@code day} with an estimated metered fee not yet trued up (or
     * trued up by the draft {@code run} itself, which is being computed again): the estimated fees' usage and amounts.
     */
    List<EstimatedBill> untruedEstimates(String site, LocalDate day, Long run) {
        String sql = "select b.id, b.unit_id, r.period_from, r.period_to, l.fee_item, l.kind, l.quantity, l.amount from bill b"
                + " join bill_run r on r.id = b.run_id join bill_line l on l.bill_id = b.id"
                + " where r.site_id = ? and r.kind = 'period' and r.state = 'issued' and r.period_to <= ? and b.estimated"
                + " and not exists (select 1 from bill_true_up t where t.bill_id = b.id and t.run_id <> ?)"
                + " and l.kind in ('tier', 'band', 'tier-adder', 'surcharge')"
                + " and exists (select 1 from bill_line e where e.bill_id = b.id and e.fee_item = l.fee_item and e.estimated)"
                + " order by r.period_from, b.unit_id, b.id";
        Map<Long, EstimatedBill> out = new java.util.LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, site, day, run == null ? -1L : run);
            try (ResultSet rs = ps.executeQuery()) {
                Map<Long, Map<String, BigDecimal>> usage = new HashMap<>();
                Map<Long, Map<String, BigDecimal>> amounts = new HashMap<>();
                Map<Long, Object[]> heads = new java.util.LinkedHashMap<>();
                while (rs.next()) {
                    long bill = rs.getLong(1);
                    heads.putIfAbsent(bill, new Object[] {rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)});
                    String item = rs.getString(5);
                    if (rs.getString(6).equals("tier") || rs.getString(6).equals("band")) {
                        usage.computeIfAbsent(bill, k -> new HashMap<>()).merge(item, rs.getBigDecimal(7), BigDecimal::add);
                    }
                    amounts.computeIfAbsent(bill, k -> new HashMap<>()).merge(item, rs.getBigDecimal(8), BigDecimal::add);
                }
                heads.forEach((bill, h) -> out.put(bill, new EstimatedBill(bill, (String) h[0], (LocalDate) h[1], (LocalDate) h[2],
                        usage.getOrDefault(bill, Map.of()), amounts.get(bill))));
            }
        } catch (SQLException e) {
            throw Sql.failed("finding estimated bills of " + site + " to true up", e);
        }
        return List.copyOf(out.values());
    }

    private List<BillRun> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<BillRun> out = new ArrayList<>();
                while (rs.next()) {
                    BigDecimal grid = rs.getBigDecimal(17);
                    out.add(new BillRun(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                            BillRun.State.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), instant(rs.getTimestamp(7)),
                            instant(rs.getTimestamp(8)), rs.getString(9), instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)),
                            rs.getInt(13), rs.getBigDecimal(14).setScale(Money.SCALE), rs.getInt(15), rs.getBigDecimal(16).setScale(Money.SCALE),
                            grid == null ? null : grid.setScale(Money.SCALE), rs.getString(18), rs.getObject(19, LocalDate.class), rs.getString(20)));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failed("reading bill runs", e);
        }
    }

    /** The bills of a run as stored, each with its lines, flags and overrides; {@code unit} null for every unit. */
    List<ReviewedBill> bills(BillRun run, String unit) {
        List<ReviewedBill> out = new ArrayList<>();
        Map<Long, List<BillLine>> lines = new HashMap<>();
        Map<String, List<ReviewedBill.Override>> overrides = new HashMap<>();
        Map<Long, List<CreditNote>> notes = new HashMap<>();
        String only = unit == null ? "" : " and b.unit_id = ?";
        Object[] args = unit == null ? new Object[] {run.id()} : new Object[] {run.id(), unit};
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("select l.bill_id, l.fee_item, l.fee_name, l.kind, l.basis, l.quantity, l.unit, l.unit_price,"
                    + " l.amount, l.estimated, l.tax_rate, l.resold, l.readings::text from bill_line l join bill b on b.id = l.bill_id where b.run_id = ?"
                    + only + " order by l.bill_id, l.position")) {
                Sql.bind(ps, args);
                try (ResultSet l = ps.executeQuery()) {
                    while (l.next()) {
                        BigDecimal price = l.getBigDecimal(8);
                        BigDecimal tax = l.getBigDecimal(11);
                        lines.computeIfAbsent(l.getLong(1), k -> new ArrayList<>()).add(new BillLine(l.getString(2), l.getString(3),
                                BillLine.Kind.valueOf(l.getString(4).toUpperCase(Locale.ROOT).replace('-', '_')), l.getString(5),
                                plain(l.getBigDecimal(6)), l.getString(7), plain(price), l.getBigDecimal(9), l.getBoolean(10), plain(tax), l.getBoolean(12),
                                JSON.readValue(l.getString(13), READINGS)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select unit_id, anomaly, reason, created_by, created_at from bill_override where run_id = ?"
                    + (unit == null ? "" : " and unit_id = ?") + " order by created_at, anomaly")) {
                Sql.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overrides.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new ReviewedBill.Override(rs.getString(2), rs.getString(3),
                                rs.getString(4), instant(rs.getTimestamp(5))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select n.id, n.bill_id, n.fee_item, n.amount, n.reason, n.created_by, n.created_at"
                    + " from bill_credit_note n join bill b on b.id = n.bill_id where b.run_id = ?" + only + " order by n.id")) {
                Sql.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        notes.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new CreditNote(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                rs.getBigDecimal(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select b.id, b.unit_id, b.payer, b.anomalies, b.flags from bill b where b.run_id = ?" + only
                    + " order by b.unit_id")) {
                Sql.bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        UnitBill b = new UnitBill(rs.getString(2), rs.getString(3), run.from(), run.to(), lines.getOrDefault(rs.getLong(1), List.of()),
                                split(rs.getString(4)));
                        out.add(new ReviewedBill(rs.getLong(1), b, split(rs.getString(5)), overrides.getOrDefault(b.unit(), List.of()),
                                notes.getOrDefault(rs.getLong(1), List.of())));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored readings of run " + run.id() + " do not read", e);
        } catch (SQLException e) {
            throw Sql.failed("reading the bills of run " + run.id(), e);
        }
        return out;
    }

    /** As exact as stored, without the column's padding zeros: 300.000000 → 300 (never 3E+2), 0.488300 → 0.4883. */
    static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
