package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/**
 * The rollups in PostgreSQL: per meter, what its counter advanced per local hour and per local day, and the last
 * reading taken in. Increments and the positions they reach are written in one transaction, so that after a crash
 * the rollup and its position agree and the readings after the position are all that is left to take in.
 */
public final class RollupStore {

    /** The last reading a meter's rollup has taken in. */
    public record Position(String point, HourlyPieces.Reading reading) {
    }

    /** An amount to add to one meter's hour (or day, at its local midnight). */
    public record Increment(String device, Instant hour, BigDecimal usage, boolean estimated, int steps) {
    }

    /** A day's amount to add to one meter's day. */
    public record DayIncrement(String device, LocalDate day, BigDecimal usage, boolean estimated) {
    }

    /** One row of a rollup: a meter's use in an hour (or on a day, then {@code start} is its local midnight). */
    public record Row(String device, Instant start, LocalDate day, BigDecimal usage, boolean estimated) {
    }

    private final Database db;

    public RollupStore(Database db) {
        this.db = db;
    }

    public Map<String, Position> positions(String site) {
        Map<String, Position> out = new HashMap<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select device_id, point, at, value from energy_rollup_position where site_id = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Position(rs.getString(2), new HourlyPieces.Reading(rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                            rs.getBigDecimal(4))));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading rollup positions of " + site, e);
        }
        return out;
    }

    /** Adds the increments and moves the positions, all or nothing. */
    public void apply(String site, Collection<Increment> hours, Collection<DayIncrement> days, Map<String, Position> positions) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                addHours(c, site, hours);
                addDays(c, site, days);
                savePositions(c, site, positions);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("storing rollups of " + site, e);
        }
    }

    /**
     * Replaces one meter's rollup from the local hour {@code cut} on by {@code hours} (worked out again from the
     * time series), its days from {@code cut}'s local day on by the sums of its hours, and its position.
     */
    public void replaceFrom(String site, String device, Instant cut, ZoneId zone, Collection<Increment> hours, Position position) {
        LocalDate cutDay = LocalDate.ofInstant(cut, zone);
        Instant dayStart = cutDay.atStartOfDay(zone).toInstant();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Sql.exec(c, "delete from energy_hour where site_id = ? and device_id = ? and hour >= ?", site, device, Sql.ts(cut));
                addHours(c, site, hours);
                Sql.exec(c, "delete from energy_day where site_id = ? and device_id = ? and day >= ?", site, device, cutDay);
                Map<LocalDate, DayIncrement> days = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("select hour, usage, estimated from energy_hour where site_id = ? and device_id = ? and hour >= ? order by hour")) {
                    Sql.bind(ps, site, device, Sql.ts(dayStart));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            LocalDate day = LocalDate.ofInstant(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), zone);
                            DayIncrement d = new DayIncrement(device, day, rs.getBigDecimal(2), rs.getBoolean(3));
                            days.merge(day, d, (a, b) -> new DayIncrement(device, day, a.usage().add(b.usage()), a.estimated() || b.estimated()));
                        }
                    }
                }
                addDays(c, site, days.values());
                if (position != null) {
                    savePositions(c, site, Map.of(device, position));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failed("rebuilding the rollup of " + site + "/" + device, e);
        }
    }

    private static void addHours(Connection c, String site, Collection<Increment> hours) throws SQLException {
        if (hours.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into energy_hour (site_id, device_id, hour, usage, estimated, steps) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (site_id, device_id, hour) do update set usage = energy_hour.usage + excluded.usage, "
                + "estimated = energy_hour.estimated or excluded.estimated, steps = energy_hour.steps + excluded.steps")) {
            for (Increment i : hours) {
                Sql.bind(ps, site, i.device(), Sql.ts(i.hour()), i.usage(), i.estimated(), i.steps());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void addDays(Connection c, String site, Collection<DayIncrement> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into energy_day (site_id, device_id, day, usage, estimated) values (?, ?, ?, ?, ?) "
                + "on conflict (site_id, device_id, day) do update set usage = energy_day.usage + excluded.usage, "
                + "estimated = energy_day.estimated or excluded.estimated")) {
            for (DayIncrement d : days) {
                Sql.bind(ps, site, d.device(), d.day(), d.usage(), d.estimated());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void savePositions(Connection c, String site, Map<String, Position> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into energy_rollup_position (site_id, device_id, point, at, value) values (?, ?, ?, ?, ?) "
                + "on conflict (site_id, device_id) do update set point = excluded.point, at = excluded.at, value = excluded.value")) {
            for (Map.Entry<String, Position> p : positions.entrySet()) {
                Sql.bind(ps, site, p.getKey(), p.getValue().point(), Sql.ts(p.getValue().reading().at()), p.getValue().reading().value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The meters' hours in [from, to), by meter then hour. */
    public List<Row> hours(String site, Collection<String> devices, Instant from, Instant to) {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select device_id, hour, usage, estimated from energy_hour where site_id = ? and device_id = any (?) "
                     + "and hour >= ? and hour < ? order by device_id, hour")) {
            ps.setString(1, site);
            ps.setArray(2, c.createArrayOf("text", devices.toArray()));
            ps.setObject(3, Sql.ts(from));
            ps.setObject(4, Sql.ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(), null, rs.getBigDecimal(3), rs.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading hourly rollups of " + site, e);
        }
        return out;
    }

    /** The meters' days in [from, to), by meter then day. */
    public List<Row> days(String site, Collection<String> devices, LocalDate from, LocalDate to) {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select device_id, day, usage, estimated from energy_day where site_id = ? and device_id = any (?) "
                     + "and day >= ? and day < ? order by device_id, day")) {
            ps.setString(1, site);
            ps.setArray(2, c.createArrayOf("text", devices.toArray()));
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), null, rs.getObject(2, LocalDate.class), rs.getBigDecimal(3), rs.getBoolean(4)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading daily rollups of " + site, e);
        }
        return out;
    }
}
