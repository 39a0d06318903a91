package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** The billing accounts of a site's units (table {@code billing_account}); the floor area comes from the registry. */
public final class BillingAccountStore {

    /** What is stored of an account: the area is the unit's, from the site file. */
    public record Stored(String unit, String payer, int persons, boolean timeOfUse, List<String> feeItems, Map<String, ChargedPeriod> periods,
                         java.time.Instant movedIn) {

        public Stored {
            feeItems = List.copyOf(feeItems);
            periods = periods == null ? Map.of() : Map.copyOf(periods);
        }

        public Stored(String unit, String payer, int persons, boolean timeOfUse, List<String> feeItems, Map<String, ChargedPeriod> periods) {
            this(unit, payer, persons, timeOfUse, feeItems, periods, null);
        }

        public Stored(String unit, String payer, int persons, List<String> feeItems) {
            this(unit, payer, persons, false, feeItems, Map.of());
        }

        public Stored movedIn(java.time.Instant at) {
            return new Stored(unit, payer, persons, timeOfUse, feeItems, periods, at);
        }
    }

    private final Database db;

    public BillingAccountStore(Database db) {
        this.db = db;
    }

    /** Replaces the site's accounts with {@code accounts}, in one transaction. */
    public void replace(String site, List<Stored> accounts) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Sql.exec(c, "delete from billing_account where site_id = ?", site);
                insert(c, site, accounts);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("storing the billing accounts of " + site, e);
        }
    }

    private static void insert(Connection c, String site, List<Stored> accounts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into billing_account (site_id, unit_id, payer, persons, time_of_use,"
                + " fee_items, fee_item_periods, moved_in_at) values (?,?,?,?,?,?,?,?)")) {
            for (Stored a : accounts) {
                Sql.bind(ps, site, a.unit(), a.payer(), a.persons(), a.timeOfUse(), String.join(",", a.feeItems()), String.join(";",
                        a.periods().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().encode(e.getKey())).toList()),
                        a.movedIn() == null ? null : Sql.ts(a.movedIn()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The unit's account handed to the arriving occupant, inside the caller's transaction (the move-out's): the
     * leaving occupant's row is replaced; refused when the unit has no account or it changed since it was read.
     */
    static void handOver(Connection c, String site, Stored leaving, Stored arriving) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from billing_account where site_id = ? and unit_id = ? and payer = ?"
                + " and moved_in_at is not distinct from cast(? as timestamptz)")) {
            Sql.bind(ps, site, leaving.unit(), leaving.payer(), leaving.movedIn() == null ? null : Sql.ts(leaving.movedIn()));
            if (ps.executeUpdate() != 1) {
                throw new BillingException(BillingException.Kind.CONFLICT, null, "the account of unit " + leaving.unit() + " changed while the move-out"
                        + " was being settled; settle it again", null);
            }
        }
        insert(c, site, List.of(arriving));
    }

    public List<Stored> list(String site) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select unit_id, payer, persons, time_of_use, fee_items, fee_item_periods, moved_in_at"
                     + " from billing_account"
                     + " where site_id = ?"
                     + " order by unit_id")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                List<Stored> out = new ArrayList<>();
                while (rs.next()) {
                    String items = rs.getString(5);
                    out.add(new Stored(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), items.isEmpty() ? List.of() : Arrays.asList(items.split(",")),
                            periods(rs.getString(6)), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the billing accounts of " + site, e);
        }
    }

    private static Map<String, ChargedPeriod> periods(String text) {
        Map<String, ChargedPeriod> out = new java.util.LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String e : text.split(";")) {
                String[] p = e.split("\\|", -1);
                out.put(p[0], new ChargedPeriod(p[1].isEmpty() ? null : java.time.LocalDate.parse(p[1]), p[2].isEmpty() ? null : java.time.LocalDate.parse(p[2])));
            }
        }
        return out;
    }

    /** The accounts as the calculator takes them, each with its unit's floor area. */
    public static List<BillingAccount> withAreas(List<Stored> stored, Map<String, BigDecimal> areas) {
        return stored.stream().map(s -> new BillingAccount(s.unit(), s.payer(), areas.getOrDefault(s.unit(), BigDecimal.ZERO), s.persons(),
                s.timeOfUse(), new LinkedHashSet<>(s.feeItems()), s.periods(), new Tenure(s.movedIn(), null))).toList();
    }
}
