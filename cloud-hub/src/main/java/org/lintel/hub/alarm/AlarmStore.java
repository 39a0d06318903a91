package org.lintel.hub.alarm;

import org.lintel.hub.core.DeviceKey;

import static org.lintel.hub.storage.Sql.bind;
import static org.lintel.hub.storage.Sql.exec;
import static org.lintel.hub.storage.Sql.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.registry.RegistryException;

/**
 * Alarms and their transitions in PostgreSQL. Each change of an alarm and its transition row are written in one
 * transaction. The partial unique index makes a second open alarm for the same device and type impossible.
 */
public final class AlarmStore {

    private static final String COLUMNS = "id, site_id, device_id, type, point, priority, latching, state, condition_active, occurrences,"
            + " label_en, label_zh, activated_at, changed_at, acknowledged_by, acknowledged_at, shelved_until, last_value";

    private final Database db;

    public AlarmStore(Database db) {
        this.db = db;
    }

    /** Opens a new alarm instance with its first transition; returns it with its id. */
    public Alarm open(Alarm a, Transition first) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into alarm (site_id, device_id, type, point, priority, latching, state,"
                    + " condition_active, occurrences, label_en, label_zh, activated_at, changed_at, last_value) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, a.site(), a.device(), a.type(), a.point(), a.priority(), a.latching(), a.state().id(), a.conditionActive(),
                        a.occurrences(), a.labelEn(), a.labelZh(), ts(a.activatedAt()), ts(a.changedAt()), a.lastValue());
                ps.executeUpdate();
                long id;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                transition(c, id, first);
                c.commit();
                return find(id).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("storing alarm " + a.type() + " of " + a.device() + " failed: " + e.getMessage(), e);
        }
    }

    /** Stores the new state of an alarm with the transition that led to it (null: only the condition or value changed). */
    public void update(long id, AlarmState state, boolean conditionActive, int occurrences, String lastValue, Transition t, Instant at) {
        boolean acknowledged = t != null && !"rule".equals(t.by())
                && (t.to() == AlarmState.ACTIVE_ACKNOWLEDGED || t.from() == AlarmState.RETURNED_UNACKNOWLEDGED && t.to() == AlarmState.NORMAL);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (acknowledged) {
                    exec(c, "update alarm set state = ?, condition_active = ?, occurrences = ?, changed_at = ?, last_value = coalesce(?, last_value),"
                            + " acknowledged_by = ?, acknowledged_at = ? where id = ?", state.id(), conditionActive, occurrences, ts(at), lastValue,
                            t.by(), ts(t.at()), id);
                } else {
                    exec(c, "update alarm set state = ?, condition_active = ?, occurrences = ?, changed_at = ?, last_value = coalesce(?, last_value)"
                            + " where id = ?", state.id(), conditionActive, occurrences, ts(at), lastValue, id);
                }
                if (t != null) {
                    transition(c, id, t);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("updating alarm " + id + " failed: " + e.getMessage(), e);
        }
    }

    public void shelve(long id, Instant until, String by, String why, Instant at) {
        try (Connection c = db.connection()) {
            exec(c, "update alarm set shelved_until = ?, shelved_by = ? where id = ?", ts(until), by, id);
            AlarmState s = find(id).orElseThrow().state();
            transition(c, id, new Transition(s, s, at, by, "shelved until " + until + (why == null ? "" : ": " + why)));
        } catch (SQLException e) {
            throw new RegistryException("shelving alarm " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Takes a device out of service until {@code until} (null: until it is returned). */
    public void outOfService(DeviceKey device, Instant since, Instant until, String by, String reason) {
        try (Connection c = db.connection()) {
            exec(c, "insert into device_out_of_service (site_id, device_id, since, until, by_whom, reason) values (?,?,?,?,?,?)"
                    + " on conflict (site_id, device_id) do update set since = excluded.since, until = excluded.until, by_whom = excluded.by_whom,"
                    + " reason = excluded.reason", device.site(), device.device(), ts(since), ts(until), by, reason);
        } catch (SQLException e) {
            throw new RegistryException("taking " + device + " out of service failed: " + e.getMessage(), e);
        }
    }

    public void backInService(DeviceKey device) {
        try (Connection c = db.connection()) {
            exec(c, "delete from device_out_of_service where site_id = ? and device_id = ?", device.site(), device.device());
        } catch (SQLException e) {
            throw new RegistryException("returning " + device + " to service failed: " + e.getMessage(), e);
        }
    }

    /** Devices out of service, each with until when (null: open-ended). */
    public Map<DeviceKey, Instant> outOfService() {
        Map<DeviceKey, Instant> out = new java.util.HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select site_id, device_id, until from device_out_of_service");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(new DeviceKey(rs.getString(1), rs.getString(2)), instant(rs.getTimestamp(3)));
            }
        } catch (SQLException e) {
            throw new RegistryException("reading devices out of service failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void transition(Connection c, long id, Transition t) throws SQLException {
        exec(c, "insert into alarm_transition (alarm_id, at, from_state, to_state, by_whom, why) values (?,?,?,?,?,?)",
                id, ts(t.at()), t.from().id(), t.to().id(), t.by(), t.why());
    }

    /**
     * Records something people did about an alarm elsewhere (its work order was closed) in the alarm's history,
     * without changing its state: from and to are the state it is in.
     */
    public void remark(long id, String by, String why, Instant at) {
        try (Connection c = db.connection()) {
            Alarm a = find(id).orElseThrow(() -> new AlarmActionException("there is no alarm " + id));
            transition(c, id, new Transition(a.state(), a.state(), at, by, why));
        } catch (SQLException e) {
            throw new RegistryException("remarking on alarm " + id + " failed: " + e.getMessage(), e);
        }
    }

    public Optional<Alarm> find(long id) {
        List<Alarm> l = query("select " + COLUMNS + " from alarm where id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Every alarm that is not normal (what the engine restores at start, and what operators see). */
    public List<Alarm> open() {
        return query("select " + COLUMNS + " from alarm where state <> 'normal' order by activated_at");
    }

    public List<Alarm> list(String site, boolean openOnly, int limit) {
        return query("select " + COLUMNS + " from alarm where site_id = ?" + (openOnly ? " and state <> 'normal'" : "")
                + " order by " + PRIORITY_ORDER + ", activated_at desc limit ?", site, limit);
    }

    /** One device's alarms (open, or all: its alarm history), newest first. */
    public List<Alarm> list(String site, String device, boolean openOnly, int limit) {
        return query("select " + COLUMNS + " from alarm where site_id = ? and device_id = ?" + (openOnly ? " and state <> 'normal'" : "")
                + " order by activated_at desc limit ?", site, device, limit);
    }

    /** Life-safety first, then critical, major, minor, the rest. */
    public static final String PRIORITY_ORDER =
            "case priority when 'life-safety' then 0 when 'critical' then 1 when 'major' then 2 when 'minor' then 3 else 4 end";

    /** The same order for alarms already read: life-safety first. */
    public static int priorityRank(String priority) {
        return switch (priority) {
            case "life-safety" -> 0;
            case "critical" -> 1;
            case "major" -> 2;
            case "minor" -> 3;
            default -> 4;
        };
    }

    public List<Map<String, Object>> transitions(long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select at, from_state, to_state, by_whom, why from alarm_transition where alarm_id = ? order by id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("at", rs.getTimestamp(1).toInstant().toString());
                    m.put("from", rs.getString(2));
                    m.put("to", rs.getString(3));
                    m.put("by", rs.getString(4));
                    if (rs.getString(5) != null) {
                        m.put("why", rs.getString(5));
                    }
                    out.add(m);
                }
            }
        } catch (SQLException e) {
            throw new RegistryException("reading alarm transitions failed: " + e.getMessage(), e);
        }
        return out;
    }

    private List<Alarm> query(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Alarm> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Alarm(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getBoolean(7), AlarmState.valueOf(rs.getString(8).toUpperCase().replace('-', '_')), rs.getBoolean(9), rs.getInt(10),
                            rs.getString(11), rs.getString(12), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)), rs.getString(15),
                            instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), rs.getString(18)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RegistryException("reading alarms failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }



}
