package org.lintel.hub.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The few JDBC steps every store repeats: bind positional arguments, run an update, pass instants as timestamptz. */
public final class Sql {

    private Sql() {
    }

    public static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** What a store throws when PostgreSQL fails while {@code doing} something. */
    public static StorageException failed(String doing, SQLException e) {
        return new StorageException(doing + " failed: " + e.getMessage(), e);
    }

    /** Bound as timestamptz with an explicit offset, whatever the JVM's time zone. */
    public static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
