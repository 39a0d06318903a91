package org.lintel.hub.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's relational store: a pooled PostgreSQL connection, migrated by Flyway before anything else uses it. Each
 * domain keeps its migrations in its own folder, {@code db/migration/<domain>/} (Flyway reads the folders below the
 * location); versions are one sequence across the hub, since a domain's tables may reference another's. The same code
 * serves the embedded server and an external one.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** Connects, migrates and returns the database; fails with the reason when PostgreSQL is unreachable. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, 8, 8);
    }

    /**
     * With {@code minimumIdle} below {@code maximumPool}, connections idle for 10 s are closed down to it: for the
     * tests' many small databases on one server, whose pools would otherwise hold every slot it has.
     */
    public static Database open(String jdbcUrl, String user, String password, int maximumPool, int minimumIdle) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(maximumPool);
        c.setMinimumIdle(minimumIdle);
        if (minimumIdle < maximumPool) {
            c.setIdleTimeout(10_000);
        }
        c.setPoolName("lintel-hub");
        c.setInitializationFailTimeout(15_000);
        HikariDataSource pool = new HikariDataSource(c);
        MigrateResult r = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        LOG.info("event=schema-migrated url={} applied={} version={}", jdbcUrl, r.migrationsExecuted, r.targetSchemaVersion);
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
