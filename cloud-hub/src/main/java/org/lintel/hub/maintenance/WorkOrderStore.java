package org.lintel.hub.maintenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** Work orders, their history, occurrences and photos, and the sites' maintenance settings, in PostgreSQL. */
public final class WorkOrderStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ChecklistItem>> CHECKLIST = new TypeReference<>() { };
    private static final TypeReference<List<Part>> PARTS = new TypeReference<>() { };

    private static final String COLUMNS = "id, site_id, equipment, building_id, kind, source, title_zh, title_en, description, location, priority,"
            + " state, alarm_type, alarm_id, occurrences, plan_id, plan_visit, plan_level, due_at, interval_days, usage_due, failure_at, opened_at,"
            + " opened_by, assignee, team, started_at, restored_at, done_at, closed_at, respond_by, resolve_by, sla_stage, response_breached,"
            + " resolution_breached, signed_by, verified_by, labour_minutes, parts, cost, checklist, reporter, contact, rating, return_visit,"
            + " parent_id, usage_at_done";

    private final Database db;

    public WorkOrderStore(Database db) {
        this.db = db;
    }

    /** One event of an order's history: a state change (from/to) or something done on it. */
    public record Event(Instant at, String by, String from, String to, String what) {
    }

    /** Inserts a new order and its first event; empty when the one-open-per-alarm or one-per-visit index refuses it. */
    Optional<WorkOrder> insert(NewWorkOrder n, WorkOrderState state, String assignee, String team, Instant at, Instant respondBy, Instant resolveBy) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into work_order (site_id, equipment, building_id, kind, source, title_zh, title_en,"
                    + " description, location, priority, state, alarm_type, alarm_id, plan_id, plan_visit, plan_level, due_at, interval_days, usage_due,"
                    + " failure_at, opened_at, opened_by, assignee, team, respond_by, resolve_by, checklist, reporter, contact, parent_id)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,cast(? as jsonb),?,?,?)"
                    + " on conflict do nothing returning id")) {
                bind(ps, n.site(), n.equipment(), n.building(), n.kind(), n.source(), n.titleZh(), n.titleEn(), n.description(), n.location(),
                        n.priority().id(), state.id(), n.alarmType(), n.alarmId(), n.planId(), n.planVisit(), n.planLevel(), ts(n.dueAt()),
                        n.intervalDays(), n.usageDue(), ts(n.failureAt()), ts(at), n.by(), assignee, team, ts(respondBy), ts(resolveBy),
                        json(n.checklist()), n.reporter(), n.contact(), n.parentId());
                long id;
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                }
                event(c, id, at, n.by(), null, state.id(), "opened (" + n.source() + ")");
                if (n.alarmId() != null) {
                    exec(c, "insert into work_order_occurrence (order_id, alarm_id, at, value) values (?,?,?,?)", id, n.alarmId(), ts(n.failureAt()), n.alarmValue());
                }
                c.commit();
                return find(id);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("storing a work order for " + n.site() + "/" + n.equipment(), e);
        }
    }

    public Optional<WorkOrder> find(long id) {
        List<WorkOrder> l = query("select " + COLUMNS + " from work_order where id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The open order of an alarm kind on a piece of equipment, if any. */
    public Optional<WorkOrder> openForAlarm(String site, String equipment, String alarmType) {
        List<WorkOrder> l = query("select " + COLUMNS + " from work_order where site_id = ? and equipment = ? and alarm_type = ?"
                + " and state in ('open', 'assigned', 'in-progress', 'on-hold')", site, equipment, alarmType);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** A site's orders, filtered (null: any), newest first; open ones with a deadline, overdue first, when {@code openFirst}. */
    public List<WorkOrder> list(String site, List<String> states, String assignee, String equipment, String planId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from work_order where site_id = ?");
        List<Object> args = new ArrayList<>(List.of(site));
        if (states != null && !states.isEmpty()) {
            sql.append(" and state = any(?)");
            args.add(states.toArray(new String[0]));
        }
        if (assignee != null) {
            sql.append(" and assignee = ?");
            args.add(assignee);
        }
        if (equipment != null) {
            sql.append(" and equipment = ?");
            args.add(equipment);
        }
        if (planId != null) {
            sql.append(" and plan_id = ?");
            args.add(planId);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return query(sql.toString(), args.toArray());
    }

    /** Every order of the site (for KPIs), oldest first. */
    public List<WorkOrder> all(String site) {
        return query("select " + COLUMNS + " from work_order where site_id = ? order by id", site);
    }

    /** The plans' orders due, or (without a due date) opened, in [from, to): what a calendar of those days shows. */
    public List<WorkOrder> planned(String site, Instant from, Instant to) {
        return query("select " + COLUMNS + " from work_order where site_id = ? and plan_id is not null and (due_at >= ? and due_at < ?"
                + " or due_at is null and opened_at >= ? and opened_at < ?) order by id", site, ts(from), ts(to), ts(from), ts(to));
    }

    /** Open orders that still have an SLA stage to reach. */
    public List<WorkOrder> underSla() {
        return query("select " + COLUMNS + " from work_order where state in ('open', 'assigned', 'in-progress', 'on-hold') and sla_stage < 4"
                + " and (respond_by is not null or resolve_by is not null)");
    }

    /** Devices that have an order at work on them (in progress or on hold), as site and equipment. */
    public List<String[]> atWork() {
        List<String[]> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select distinct site_id, equipment from work_order where state in ('in-progress', 'on-hold') and equipment is not null");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        } catch (SQLException e) {
            throw Sql.failed("reading work orders at work", e);
        }
        return out;
    }

    public boolean atWork(String site, String equipment) {
        return !query("select " + COLUMNS + " from work_order where site_id = ? and equipment = ? and state in ('in-progress', 'on-hold') limit 1",
                site, equipment).isEmpty();
    }

    /**
     * Moves an order from one state to another with the columns that change with it, only if it is still in
     * {@code from} (two technicians grabbing the same order: one wins); false when it was not.
     */
    boolean move(long id, WorkOrderState from, WorkOrderState to, Map<String, Object> columns, Instant at, String by, String what) {
        Map<String, Object> set = new LinkedHashMap<>(columns);
        set.put("state", to.id());
        StringBuilder sql = new StringBuilder("update work_order set ");
        List<Object> args = new ArrayList<>();
        set.forEach((k, v) -> {
            sql.append(args.isEmpty() ? "" : ", ").append(k).append(k.equals("parts") || k.equals("checklist") ? " = cast(? as jsonb)" : " = ?");
            args.add(v instanceof Instant i ? ts(i) : v);
        });
        sql.append(" where id = ? and state = ?");
        args.add(id);
        args.add(from.id());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (exec(c, sql.toString(), args.toArray()) == 0) {
                    c.rollback();
                    return false;
                }
                event(c, id, at, by, from.id(), to.id(), what);
                c.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("updating work order " + id, e);
        }
    }

    /** Changes columns without a change of state (an answer, labour, a rating), with an event saying what. */
    void change(long id, Map<String, Object> columns, Instant at, String by, String what) {
        StringBuilder sql = new StringBuilder("update work_order set ");
        List<Object> args = new ArrayList<>();
        columns.forEach((k, v) -> {
            sql.append(args.isEmpty() ? "" : ", ").append(k).append(k.equals("parts") || k.equals("checklist") ? " = cast(? as jsonb)" : " = ?");
            args.add(v instanceof Instant i ? ts(i) : v);
        });
        sql.append(" where id = ?");
        args.add(id);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                exec(c, sql.toString(), args.toArray());
                event(c, id, at, by, null, null, what);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("updating work order " + id, e);
        }
    }

    /** One more occurrence of the alarm behind an open order. */
    void occurrence(long id, Long alarmId, Instant at, String value) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                exec(c, "update work_order set occurrences = occurrences + 1 where id = ?", id);
                exec(c, "insert into work_order_occurrence (order_id, alarm_id, at, value) values (?,?,?,?)", id, alarmId, ts(at), value);
                event(c, id, at, "rule", null, null, "alarm " + alarmId + " active again" + (value == null ? "" : " (" + value + ")"));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("adding an occurrence to work order " + id, e);
        }
    }

    /** Whether some order (in any state) has counted this alarm already. */
    public boolean counted(long alarm) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("select 1 from work_order_occurrence where alarm_id = ? limit 1")) {
            ps.setLong(1, alarm);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the work orders of alarm " + alarm, e);
        }
    }

    /** The alarms behind an order (its first and every re-activation). */
    public List<Long> alarms(long id) {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select distinct alarm_id from work_order_occurrence where order_id = ? and alarm_id is not null order by alarm_id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading work order " + id, e);
        }
        return out;
    }

    public List<Map<String, Object>> occurrences(long id) {
        return rows("select alarm_id, at, value from work_order_occurrence where order_id = ? order by at, id", id);
    }

    public List<Event> events(long id) {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select at, by_whom, from_state, to_state, what from work_order_event where order_id = ? order by at, id")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(instant(rs.getTimestamp(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading work order " + id, e);
        }
        return out;
    }

    long photo(long id, Integer item, String contentType, byte[] bytes, Instant at, String by) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "insert into work_order_photo (order_id, item, content_type, bytes, at, by_whom) values (?,?,?,?,?,?) returning id")) {
            bind(ps, id, item, contentType, bytes, ts(at), by);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long photo = rs.getLong(1);
                event(c, id, at, by, null, null, "photo " + photo + (item == null ? "" : " for item " + item));
                return photo;
            }
        } catch (SQLException e) {
            throw Sql.failed("storing a photo of work order " + id, e);
        }
    }

    public List<Map<String, Object>> photos(long id) {
        return rows("select id, item, content_type, at, by_whom from work_order_photo where order_id = ? order by id", id);
    }

    /** A photo's type and bytes, if it belongs to the order. */
    public Optional<Map.Entry<String, byte[]>> photo(long order, long photo) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select content_type, bytes from work_order_photo where order_id = ? and id = ?")) {
            bind(ps, order, photo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Map.entry(rs.getString(1), rs.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failed("reading photo " + photo, e);
        }
    }

    public Optional<MaintenanceSettings> settings(String site) {
        List<Map<String, Object>> r = rows("select settings::text as s from maintenance_settings where site_id = ?", site);
        if (r.isEmpty()) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue((String) r.get(0).get("s"), Map.class);
            return Optional.of(MaintenanceSettings.fromJson(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the stored maintenance settings of " + site + " do not parse: " + e.getMessage(), e);
        }
    }

    void saveSettings(String site, MaintenanceSettings s, Instant at, String by) {
        try (Connection c = db.connection()) {
            exec(c, "insert into maintenance_settings (site_id, settings, saved_at, saved_by) values (?, cast(? as jsonb), ?, ?)"
                    + " on conflict (site_id) do update set settings = excluded.settings, saved_at = excluded.saved_at, saved_by = excluded.saved_by",
                    site, json(s.toJson()), ts(at), by);
        } catch (SQLException e) {
            throw Sql.failed("storing the maintenance settings of " + site, e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored work order's JSON does not parse: " + e.getMessage(), e);
        }
    }

    /** A JSON array of texts as stored (the ledger's documents). */
    public static List<String> strings(String json) {
        return parse(json, new TypeReference<List<String>>() { });
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<WorkOrder> query(String sql, Object... args) {
        List<WorkOrder> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading work orders", e);
        }
        return out;
    }

    private List<Map<String, Object>> rows(String sql, Object... args) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        m.put(camel(rs.getMetaData().getColumnLabel(i)), v instanceof Timestamp t ? t.toInstant().toString() : v);
                    }
                    out.add(m);
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading work orders", e);
        }
        return out;
    }

    private static String camel(String column) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString().equals("byWhom") ? "by" : b.toString();
    }

    private static WorkOrder row(ResultSet rs) throws SQLException {
        return new WorkOrder(rs.getLong("id"), rs.getString("site_id"), rs.getString("equipment"), rs.getString("building_id"), rs.getString("kind"),
                rs.getString("source"), rs.getString("title_zh"), rs.getString("title_en"), rs.getString("description"), rs.getString("location"),
                Priority.of(rs.getString("priority")).orElseThrow(), WorkOrderState.of(rs.getString("state")).orElseThrow(), rs.getString("alarm_type"),
                (Long) rs.getObject("alarm_id"), rs.getInt("occurrences"), rs.getString("plan_id"), (Integer) rs.getObject("plan_visit"),
                rs.getString("plan_level"), instant(rs.getTimestamp("due_at")), rs.getBigDecimal("interval_days"), rs.getBigDecimal("usage_due"),
                instant(rs.getTimestamp("failure_at")), instant(rs.getTimestamp("opened_at")), rs.getString("opened_by"), rs.getString("assignee"),
                rs.getString("team"), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("restored_at")), instant(rs.getTimestamp("done_at")),
                instant(rs.getTimestamp("closed_at")), instant(rs.getTimestamp("respond_by")), instant(rs.getTimestamp("resolve_by")),
                rs.getInt("sla_stage"), rs.getBoolean("response_breached"), rs.getBoolean("resolution_breached"), rs.getString("signed_by"),
                rs.getString("verified_by"), rs.getInt("labour_minutes"), parse(rs.getString("parts"), PARTS), rs.getBigDecimal("cost"),
                parse(rs.getString("checklist"), CHECKLIST), rs.getString("reporter"), rs.getString("contact"), (Integer) rs.getObject("rating"),
                rs.getString("return_visit"), (Long) rs.getObject("parent_id"), rs.getBigDecimal("usage_at_done"));
    }

    private static void event(Connection c, long id, Instant at, String by, String from, String to, String what) throws SQLException {
        exec(c, "insert into work_order_event (order_id, at, by_whom, from_state, to_state, what) values (?,?,?,?,?,?)", id, ts(at), by, from, to, what);
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof String[] arr) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", arr));
            } else if (a instanceof BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static java.time.OffsetDateTime ts(Instant i) {
        return Sql.ts(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
