package org.lintel.hub.alarm;

import static org.lintel.hub.storage.Sql.bind;
import static org.lintel.hub.storage.Sql.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.storage.Database;
import org.lintel.hub.registry.RegistryException;

/**
 * Alarm-system performance as ISA-18.2 / IEC 62682 measure it, over a period of one site: activations per 10 minutes
 * (average and peak), flood periods (more than 10 activations in a 10-minute window), chattering alarms (3 or more
 * activations of one alarm within a minute), stale alarms (active for more than 24 hours) and the ten most frequent.
 * An activation is a transition into active-unacknowledged.
 */
public final class AlarmKpis {

    static final int FLOOD_PER_10_MIN = 10;
    static final int CHATTER_PER_MINUTE = 3;

    private final Database db;

    public AlarmKpis(Database db) {
        this.db = db;
    }

    /** Which alarms count (device, priority): all of a site's, or those of one on-call group. */
    public interface Scope {
        boolean includes(String device, String priority);

        Scope ALL = (device, priority) -> true;
    }

    /** The KPIs of {@code site} over [from, to), with open alarms judged stale at {@code now}. */
    public Map<String, Object> of(String site, Instant from, Instant to, Instant now) {
        return of(site, null, Scope.ALL, from, to, now);
    }

    /**
     * The KPIs of the alarms of {@code site} in {@code scope}: an on-call group's load is what ISA-18.2's targets (one
     * alarm per 10 minutes per operator) are about. {@code group} names it in the answer (null: the whole site).
     */
    /** One alarm type of one device, as the KPIs count it. */
    private record AlarmOf(String device, String type) {
    }

    private record Activation(Instant at, AlarmOf alarm) {
    }

    public Map<String, Object> of(String site, String group, Scope scope, Instant from, Instant to, Instant now) {
        List<Activation> activations = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select t.at, a.device_id, a.type, a.priority from alarm_transition t join alarm a on a.id = t.alarm_id"
                     + " where a.site_id = ? and t.to_state = 'active-unacknowledged' and t.at >= ? and t.at < ? order by t.at")) {
            bind(ps, site, ts(from), ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (scope.includes(rs.getString(2), rs.getString(4))) {
                        activations.add(new Activation(rs.getTimestamp(1).toInstant(), new AlarmOf(rs.getString(2), rs.getString(3))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new RegistryException("alarm KPIs failed: " + e.getMessage(), e);
        }
        long windows = Math.max(1, Duration.between(from, to).toMinutes() / 10);
        Map<Long, Integer> perWindow = new java.util.TreeMap<>();
        Map<AlarmOf, Integer> perAlarm = new LinkedHashMap<>();
        Map<AlarmOf, List<Instant>> timesPerAlarm = new LinkedHashMap<>();
        for (Activation a : activations) {
            Instant at = a.at();
            perWindow.merge(Duration.between(from, at).toMinutes() / 10, 1, Integer::sum);
            AlarmOf key = a.alarm();
            perAlarm.merge(key, 1, Integer::sum);
            timesPerAlarm.computeIfAbsent(key, k -> new ArrayList<>()).add(at);
        }
        List<Map<String, Object>> floods = new ArrayList<>();
        perWindow.forEach((w, n) -> {
            if (n > FLOOD_PER_10_MIN) {
                floods.add(Map.of("from", from.plus(Duration.ofMinutes(10 * w)).toString(), "to", from.plus(Duration.ofMinutes(10 * w + 10)).toString(),
                        "activations", n));
            }
        });
        List<AlarmOf> chattering = new ArrayList<>();
        timesPerAlarm.forEach((key, times) -> {
            for (int i = 0; i + CHATTER_PER_MINUTE - 1 < times.size(); i++) {
                if (Duration.between(times.get(i), times.get(i + CHATTER_PER_MINUTE - 1)).compareTo(Duration.ofMinutes(1)) <= 0) {
                    chattering.add(key);
                    return;
                }
            }
        });
        List<Map<String, Object>> top = perAlarm.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(10)
                .map(e -> Map.<String, Object>of("device", e.getKey().device(), "type", e.getKey().type(), "activations", e.getValue()))
                .toList();
        List<Map<String, Object>> stale = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select id, device_id, type, activated_at, priority from alarm where site_id = ?"
                     + " and state in ('active-unacknowledged', 'active-acknowledged') and activated_at < ? order by activated_at")) {
            bind(ps, site, ts(now.minus(Duration.ofHours(24))));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!scope.includes(rs.getString(2), rs.getString(5))) {
                        continue;
                    }
                    stale.add(Map.of("id", rs.getLong(1), "device", rs.getString(2), "type", rs.getString(3),
                            "activatedAt", rs.getTimestamp(4).toInstant().toString()));
                }
            }
        } catch (SQLException e) {
            throw new RegistryException("alarm KPIs failed: " + e.getMessage(), e);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("site", site);
        if (group != null) {
            out.put("group", group);
        }
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("activations", activations.size());
        out.put("averagePer10Minutes", Math.round(activations.size() * 100.0 / windows) / 100.0);
        out.put("peakPer10Minutes", perWindow.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        out.put("floodPeriods", floods);
        out.put("chattering", chattering.stream().map(k -> Map.of("device", k.device(), "type", k.type())).toList());
        out.put("stale", stale);
        out.put("mostFrequent", top);
        return out;
    }
}
