package org.lintel.hub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;

/**
 * The embedded PostgreSQL as a local attacker finds it: every login needs a password that only the hub's user can
 * read, and the hub's own role cannot run programs. A cluster made by an earlier version with trust logins is moved
 * to passwords with its data.
 */
class EmbeddedPostgresTest {

    static Path folder;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        folder = TestFolders.passable("pg-auth").resolve("postgres");
        pg = EmbeddedPostgres.start(folder, TestFolders.freePort());
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    static Connection connect(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(pg.serverUrl() + database, user, password);
    }

    @Test
    void aLocalUserWithoutTheHubsSecretCannotLogInAsAnyone() {
        for (String user : List.of(EmbeddedPostgres.USER, EmbeddedPostgres.HUB_USER, "postgres", System.getProperty("user.name"))) {
            for (String database : List.of("postgres", EmbeddedPostgres.DATABASE, "template1")) {
                SQLException noPassword = assertThrows(SQLException.class, () -> connect(database, user, ""), user + "@" + database);
                assertTrue(noPassword.getMessage().contains("password"), noPassword.getMessage());
                assertThrows(SQLException.class, () -> connect(database, user, "lintel"), user + " with a guessed password");
            }
        }
    }

    @Test
    void theSecretsAreReadableByTheHubsUserAlone() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("secrets"))));
        for (String name : List.of("superuser-password", "hub-password")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("secrets").resolve(name))), name);
        }
        String hba = Files.readString(folder.resolve("cluster/pg_hba.conf"));
        assertFalse(hba.lines().anyMatch(l -> !l.startsWith("#") && l.strip().endsWith("trust")), hba);
    }

    @Test
    void theHubsRoleOwnsItsDatabaseButIsNoSuperuserAndCannotRunProgramsOrReadFiles() throws Exception {
        try (Connection c = connect(EmbeddedPostgres.DATABASE, EmbeddedPostgres.HUB_USER, pg.hubPassword()); Statement s = c.createStatement()) {
            s.execute("create table probe (id int)");
            try (ResultSet rs = s.executeQuery("select rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname = current_user")) {
                rs.next();
                assertFalse(rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3), "no superuser, no role or database creation");
            }
            SQLException program = assertThrows(SQLException.class, () -> s.execute("copy probe to program 'id'"));
            assertTrue(program.getMessage().contains("permission denied") || program.getMessage().contains("superuser"), program.getMessage());
            SQLException file = assertThrows(SQLException.class, () -> s.executeQuery("select pg_read_file('/etc/passwd')"));
            assertTrue(file.getMessage().contains("permission denied"), file.getMessage());
        }
    }

    @Test
    void aClusterMadeWithTrustLoginsGetsPasswordsAndKeepsTheHubsData() throws Exception {
        Path old = TestFolders.passable("pg-trust").resolve("postgres");
        int port = TestFolders.freePort();
        EmbeddedPostgres first = EmbeddedPostgres.start(old, port);
        // what an earlier version left: the hub's tables in 'postgres', owned by the superuser; trust logins
        try (Connection c = DriverManager.getConnection(first.serverUrl() + "postgres", EmbeddedPostgres.USER, first.superuserPassword());
             Statement s = c.createStatement()) {
            s.execute("drop database " + EmbeddedPostgres.DATABASE);
            s.execute("create table flyway_schema_history (version text)");
            s.execute("create table site (id text primary key)");
            s.execute("insert into site values ('east-garden')");
        }
        first.close();
        Path hba = old.resolve("cluster/pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        Files.delete(old.resolve("secrets/superuser-password"));

        EmbeddedPostgres again = EmbeddedPostgres.start(old, port);
        try {
            assertThrows(SQLException.class, () -> DriverManager.getConnection(again.serverUrl() + "postgres", EmbeddedPostgres.USER, ""));
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), EmbeddedPostgres.HUB_USER, again.hubPassword());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from site")) {
                assertTrue(rs.next());
                assertEquals("east-garden", rs.getString(1), "the data moved with its database");
                s.execute("insert into site values ('west-garden')");
            }
        } finally {
            again.close();
        }
    }
}
