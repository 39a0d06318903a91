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
        /** One step's piece of a meter's hour. */
        static Increment of(String device, HourlyPieces.Piece p) {
            return new Increment(device, p.hour(), p.usage(), p.estimated(), 1);
        }

        Increment plus(Increment more) {
            return new Increment(device, hour, usage.add(more.usage), estimated || more.estimated, steps + more.steps);
        }
    }

    /** A day's amount to add to one meter's day. */
    public record DayIncrement(String device, LocalDate day, BigDecimal usage, boolean estimated) {
        DayIncrement plus(DayIncrement more) {
            return new DayIncrement(device, day, usage.add(more.usage), estimated || more.estimated);
        }
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
     * Deletes hours before {@code before}, a batch at a time so that no transaction holds millions of rows; the days
     * they were summed into stay. Returns how many went.
     */
    public long pruneHours(Instant before, int batch) {
        long total = 0;
        try (Connection c = db.connection()) {
            while (true) {
                int n;
                try (PreparedStatement ps = c.prepareStatement("delete from energy_hour where ctid in (select ctid from energy_hour where hour < ? limit ?)")) {
                    Sql.bind(ps, Sql.ts(before), batch);
                    n = ps.executeUpdate();
                }
                total += n;
                if (n < batch) {
                    return total;
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("deleting hourly rollups before " + before, e);
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
                            days.merge(day, d, DayIncrement::plus);
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

    /** A sum of rollups: one group's use in one bucket, and how many of its meters had a rollup there. */
    public record Sum(String key, String bucket, BigDecimal usage, boolean estimated, int meters) {
    }

    /** How finely sums are bucketed: local hours, local days, months of days, or the whole period. */
    public enum Buckets {
        HOUR, DAY, MONTH, TOTAL
    }

    /**
     * The meters' use summed per group ({@code groupOf}: meter → group key) and bucket over [from, to), in
     * PostgreSQL: a 10,000-flat community's month is 300,000 rows that need not leave the database. Hours are read
     * from the hourly rollups between the two instants; days, months and totals from the daily ones between the
     * local days of the two instants. Bucket labels: the hour's instant, the local date, {@code 2026-11}, or empty.
     */
    public List<Sum> sums(String site, Map<String, String> groupOf, Buckets buckets, Instant from, Instant to, ZoneId zone) {
        if (groupOf.isEmpty()) {
            return List.of();
        }
        boolean hours = buckets == Buckets.HOUR;
        String bucket = switch (buckets) {
            case HOUR -> "r.hour";
            case DAY -> "r.day";
            case MONTH -> "date_trunc('month', r.day)::date";
            case TOTAL -> "null::date";
        };
        String sql = "select k.key, " + bucket + " as bucket, sum(r.usage), bool_or(r.estimated), count(distinct r.device_id) from "
                + (hours ? "energy_hour" : "energy_day") + " r join unnest(?::text[], ?::text[]) as k(device, key) on r.device_id = k.device "
                // the meters again as = any: lets PostgreSQL read them by the primary key instead of scanning every meter's rows of the period
                + "where r.site_id = ? and r.device_id = any (?) and " + (hours ? "r.hour >= ? and r.hour < ?" : "r.day >= ? and r.day < ?")
                + " group by 1, 2 order by 1, 2";
        List<Sum> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", groupOf.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("text", groupOf.values().toArray()));
            ps.setString(3, site);
            ps.setArray(4, c.createArrayOf("text", groupOf.keySet().toArray()));
            if (hours) {
                ps.setObject(5, Sql.ts(from));
                ps.setObject(6, Sql.ts(to));
            } else {
                ps.setObject(5, LocalDate.ofInstant(from, zone));
                ps.setObject(6, LocalDate.ofInstant(to, zone));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String label = switch (buckets) {
                        case HOUR -> rs.getObject(2, java.time.OffsetDateTime.class).toInstant().toString();
                        case DAY -> rs.getObject(2, LocalDate.class).toString();
                        case MONTH -> rs.getObject(2, LocalDate.class).toString().substring(0, 7);
                        case TOTAL -> "";
                    };
                    out.add(new Sum(rs.getString(1), label, rs.getBigDecimal(3), rs.getBoolean(4), rs.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("summing rollups of " + site, e);
        }
        return out;
    }

    /**
     * One water meter's night in brief, from its hourly rollups: over the night window [nightFrom, to) its hours, the
     * hours with flow, the smallest and the total volume; over the 24 hours [dayFrom, to) its hours and those without
     * flow.
     */
    public record NightSummary(String device, int nightHours, int flowingNightHours, BigDecimal minimum, BigDecimal nightVolume, int hours,
                               int zeroHours, boolean estimated) {
    }

    public List<NightSummary> nights(String site, Collection<String> devices, Instant dayFrom, Instant nightFrom, Instant to) {
        List<NightSummary> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select device_id, count(*) filter (where hour >= ?), count(*) filter (where hour >= ? and usage > 0), "
                     + "min(usage) filter (where hour >= ?), coalesce(sum(usage) filter (where hour >= ?), 0), count(*), count(*) filter (where usage = 0), "
                     + "bool_or(estimated) from energy_hour where site_id = ? and device_id = any (?) and hour >= ? and hour < ? group by device_id")) {
            java.time.OffsetDateTime night = Sql.ts(nightFrom);
            ps.setObject(1, night);
            ps.setObject(2, night);
            ps.setObject(3, night);
            ps.setObject(4, night);
            ps.setString(5, site);
            ps.setArray(6, c.createArrayOf("text", devices.toArray()));
            ps.setObject(7, Sql.ts(dayFrom));
            ps.setObject(8, Sql.ts(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NightSummary(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7),
                            rs.getBoolean(8)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the night flow of " + site, e);
        }
        return out;
    }
}
