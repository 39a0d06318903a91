package org.lintel.hub.oncall;

import static org.lintel.hub.storage.Sql.exec;
import static org.lintel.hub.storage.Sql.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lintel.hub.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Escalation progress in PostgreSQL (table {@code escalation}); a failed write is logged, never thrown at the escalator. */
public final class EscalationTable implements EscalationStore {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationTable.class);
    private final Database db;

    public EscalationTable(Database db) {
        this.db = db;
    }

    @Override
    public void save(Saved s) {
        try (Connection c = db.connection()) {
            exec(c, "insert into escalation (alarm_id, route, activated_at, steps_done, last_reminder, told, rosters, chasing) values (?,?,?,?,?,?,?,?)"
                    + " on conflict (alarm_id) do update set steps_done = excluded.steps_done, last_reminder = excluded.last_reminder,"
                    + " told = excluded.told, rosters = excluded.rosters, chasing = excluded.chasing",
                    s.alarm(), s.route(), ts(s.activatedAt()), s.stepsDone(), s.lastReminder() == null ? null : ts(s.lastReminder()),
                    String.join("\n", s.told()), String.join("\n", s.rosters()), s.chasing());
        } catch (SQLException e) {
            LOG.warn("event=escalation-save-failed alarm={} reason=\"{}\"", s.alarm(), e.getMessage());
        }
    }

    @Override
    public void remove(long alarm) {
        try (Connection c = db.connection()) {
            exec(c, "delete from escalation where alarm_id = ?", alarm);
        } catch (SQLException e) {
            LOG.warn("event=escalation-remove-failed alarm={} reason=\"{}\"", alarm, e.getMessage());
        }
    }

    @Override
    public List<Saved> load() {
        List<Saved> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select alarm_id, route, activated_at, steps_done, last_reminder, told, rosters, chasing from escalation order by alarm_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp reminder = rs.getTimestamp(5);
                out.add(new Saved(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4),
                        reminder == null ? null : reminder.toInstant(), lines(rs.getString(6)), lines(rs.getString(7)), rs.getBoolean(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading saved escalations failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }
}
