package org.lintel.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.EmbeddedPostgres;

/**
 * One real PostgreSQL server (the hub's embedded one) for the whole test run, started on first use; each test class
 * gets a database of its own, migrated by Flyway as the hub would.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start(TestFolders.passable("pg").resolve("postgres"), TestFolders.freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres s = server;
            TestFolders.atExit(s::close);
        }
        return server;
    }

    /** The role tests' hubs connect as: the embedded server's hub role, no superuser. */
    public static final String USER = EmbeddedPostgres.HUB_USER;

    public static String password() {
        return server().hubPassword();
    }

    /** The JDBC URL of a new, empty database, owned by {@link #USER}. */
    public static String newDatabaseUrl() {
        EmbeddedPostgres s = server();
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = DriverManager.getConnection(s.serverUrl() + "postgres", EmbeddedPostgres.USER, s.superuserPassword())) {
            c.createStatement().execute("create database " + name + " owner " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + s.port() + "/" + name;
    }

    /**
     * A new database, migrated. Its pool keeps no idle connection for long: tests seldom close the databases they make,
     * and eleven such pools of eight held most of the server's 100 connections.
     */
    public static Database newDatabase() {
        return Database.open(newDatabaseUrl(), USER, password(), 8, 0);
    }
}
