package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import static org.lintel.hub.storage.Sql.exec;
import static org.lintel.hub.storage.Sql.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.storage.Database;

/** Edge node sessions in PostgreSQL (tables {@code sparkplug_node}, {@code sparkplug_device}, {@code sparkplug_alias}). */
public final class SessionTable implements SessionStore {

    private final Database db;
    private final Clock clock;

    public SessionTable(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The stored form of an edge node: Sparkplug forbids '/' in group and node ids, so "group/node" is unambiguous. */
    private static String column(GatewayKey node) {
        return node.site() + "/" + node.gateway();
    }

    private static GatewayKey node(String column) {
        int cut = column.indexOf('/');
        return new GatewayKey(column.substring(0, cut), column.substring(cut + 1));
    }

    @Override
    public List<EdgeNodeSession> load() {
        Map<String, long[]> nodes = new LinkedHashMap<>();
        Map<String, Map<String, Boolean>> devices = new HashMap<>();
        Map<String, Map<Long, EdgeNodeSession.BirthMetric>> aliases = new HashMap<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("select node, bd_seq, online from sparkplug_node order by node"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getBoolean(3) ? 1 : 0});
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select node, device, online from sparkplug_device"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBoolean(3));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select node, alias, device, name, unit from sparkplug_alias"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    aliases.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getLong(2), new EdgeNodeSession.BirthMetric(rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading saved Sparkplug sessions failed: " + e.getMessage(), e);
        }
        List<EdgeNodeSession> out = new ArrayList<>();
        nodes.forEach((node, v) -> out.add(new EdgeNodeSession(node(node), v[0], v[1] == 1, devices.getOrDefault(node, Map.of()),
                aliases.getOrDefault(node, Map.of()), EdgeNodeSession.Change.ALL)));
        return out;
    }

    @Override
    public void save(List<EdgeNodeSession> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                for (EdgeNodeSession s : sessions) {
                    exec(c, "insert into sparkplug_node (node, bd_seq, online, saved_at) values (?,?,?,?) on conflict (node) do update"
                            + " set bd_seq = excluded.bd_seq, online = excluded.online, saved_at = excluded.saved_at",
                            column(s.node()), s.bdSeq(), s.online(), ts(clock.instant()));
                    if (s.change().reborn()) {
                        exec(c, "delete from sparkplug_alias where node = ?", column(s.node()));
                        exec(c, "delete from sparkplug_device where node = ?", column(s.node()));
                        insert(c, s, s.devices().keySet());
                    } else if (!s.change().devices().isEmpty()) {
                        try (PreparedStatement da = c.prepareStatement("delete from sparkplug_alias where node = ? and device = ?");
                             PreparedStatement dd = c.prepareStatement("delete from sparkplug_device where node = ? and device = ?")) {
                            for (String device : s.change().devices()) {
                                for (PreparedStatement ps : List.of(da, dd)) {
                                    ps.setString(1, column(s.node()));
                                    ps.setString(2, device);
                                    ps.addBatch();
                                }
                            }
                            da.executeBatch();
                            dd.executeBatch();
                        }
                        insert(c, s, s.change().devices());
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("saving " + sessions.size() + " Sparkplug sessions failed: " + e.getMessage(), e);
        }
    }

    /** Inserts these devices of the session and their aliases. */
    private static void insert(Connection c, EdgeNodeSession s, java.util.Set<String> devices) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into sparkplug_device (node, device, online) values (?,?,?)")) {
            for (String d : devices) {
                Boolean online = s.devices().get(d);
                if (online != null) {
                    ps.setString(1, column(s.node()));
                    ps.setString(2, d);
                    ps.setBoolean(3, online);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into sparkplug_alias (node, alias, device, name, unit) values (?,?,?,?,?)"
                // an alias another device had before (its birth is older than this one) now means this device's metric
                + " on conflict (node, alias) do update set device = excluded.device, name = excluded.name, unit = excluded.unit")) {
            for (Map.Entry<Long, EdgeNodeSession.BirthMetric> a : s.aliases().entrySet()) {
                if (devices.contains(a.getValue().device())) {
                    ps.setString(1, column(s.node()));
                    ps.setLong(2, a.getKey());
                    ps.setString(3, a.getValue().device());
                    ps.setString(4, a.getValue().name());
                    ps.setString(5, a.getValue().unit());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
