package org.lintel.hub.receivables.reminders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** Reminder policies, payer contacts and the reminder log in PostgreSQL. */
final class ReminderStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    ReminderStore(Database db) {
        this.db = db;
    }

    void putPolicy(String site, Map<String, Object> policy, String by, Instant now) {
        try {
            exec("storing the reminder policy of " + site, "insert into reminder_policy (site_id, policy, updated_by, updated_at) values (?, cast(? as jsonb), ?, ?)"
                    + " on conflict (site_id) do update set policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    site, JSON.writeValueAsString(policy), by, Sql.ts(now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reminder policy does not serialize", e);
        }
    }

    /** The policy as it was given (it is parsed again at each use, so a stored one always reads as the API took it). */
    Optional<Map<String, Object>> policy(String site) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("select policy::text from reminder_policy where site_id = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), new TypeReference<Map<String, Object>>() { })) : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored reminder policy of " + site + " no longer reads", e);
        } catch (SQLException e) {
            throw Sql.failed("reading the reminder policy of " + site, e);
        }
    }

    void putContact(PayerContact k) {
        exec("storing the contact of " + k.unit(), "insert into payer_contact (site_id, unit_id, payer, phone, email, app_user, language, opted_out_at,"
                + " opt_out_note, updated_by, updated_at) values (?,?,?,?,?,?,?,?,?,?,?) on conflict (site_id, unit_id) do update set payer = excluded.payer,"
                + " phone = excluded.phone, email = excluded.email, app_user = excluded.app_user, language = excluded.language,"
                + " opted_out_at = excluded.opted_out_at, opt_out_note = excluded.opt_out_note, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                k.site(), k.unit(), k.payer(), k.phone(), k.email(), k.appUser(), k.language(), k.optedOutAt() == null ? null : Sql.ts(k.optedOutAt()),
                k.optOutNote(), k.updatedBy(), Sql.ts(k.updatedAt()));
    }

    List<PayerContact> contacts(String site, String unit) {
        String sql = "select site_id, unit_id, payer, phone, email, app_user, language, opted_out_at, opt_out_note, updated_by, updated_at from payer_contact"
                + " where site_id = ?" + (unit != null ? " and unit_id = ?" : "") + " order by unit_id";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, unit != null ? new Object[] {site, unit} : new Object[] {site});
            try (ResultSet rs = ps.executeQuery()) {
                List<PayerContact> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new PayerContact(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw Sql.failed("reading payer contacts of " + site, e);
        }
    }

    long log(Reminder r) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("insert into reminder (site_id, unit_id, payer, channel, address, bills,"
                + " steps, amount, text, sent_at, delivered, detail) values (?,?,?,?,?,?,?,?,?,?,?,?) returning id")) {
            Array bills = c.createArrayOf("bigint", r.bills().toArray());
            Array steps = c.createArrayOf("integer", r.steps().toArray());
            Sql.bind(ps, r.site(), r.unit(), r.payer(), r.channel(), r.address(), bills, steps, r.amount(), r.text(), Sql.ts(r.sentAt()), r.delivered(),
                    r.detail());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw Sql.failed("logging a reminder to " + r.unit(), e);
        }
    }

    /** The site's reminders (one unit's when {@code unit} is given), latest first. */
    List<Reminder> log(String site, String unit, int limit) {
        try (Connection c = db.connection()) {
            return query(c, "select " + COLUMNS + " from reminder where site_id = ?" + (unit != null ? " and unit_id = ?" : "")
                    + " order by sent_at desc, id desc limit " + limit, unit != null ? new Object[] {site, unit} : new Object[] {site});
        } catch (SQLException e) {
            throw Sql.failed("reading reminders of " + site, e);
        }
    }

    /**
     * What a pass needs of the log: reminders sent since {@code since} (the rate limit) and those about a bill still
     * open (which steps went out, how many attempts failed), not the site's whole history.
     */
    List<Reminder> relevant(String site, Instant since, java.util.Collection<Long> openBills) {
        try (Connection c = db.connection()) {
            Array bills = c.createArrayOf("bigint", openBills.toArray());
            return query(c, "select " + COLUMNS + " from reminder where site_id = ? and (sent_at > ? or bills && ?) order by sent_at desc, id desc",
                    new Object[] {site, Sql.ts(since), bills});
        } catch (SQLException e) {
            throw Sql.failed("reading reminders of " + site, e);
        }
    }

    private static final String COLUMNS = "id, site_id, unit_id, payer, channel, address, bills, steps, amount, text, sent_at, delivered, detail";

    private static List<Reminder> query(Connection c, String sql, Object[] args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<Reminder> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Reminder(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            Arrays.asList((Long[]) rs.getArray(7).getArray()), Arrays.asList((Integer[]) rs.getArray(8).getArray()),
                            rs.getBigDecimal(9).setScale(2), rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getBoolean(12), rs.getString(13)));
                }
                return out;
            }
        }
    }

    private void exec(String doing, String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, args);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failed(doing, e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
