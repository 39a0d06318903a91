package org.lintel.hub.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded cluster's logins: the superuser (for provisioning only) and the hub's own role, which owns the hub's
 * database and nothing else: it is no superuser, so a stolen hub password cannot run programs ({@code COPY … TO
 * PROGRAM}) or read files of the machine.
 */
final class ClusterRoles {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRoles.class);

    private final String url;
    private final String superuser;
    private final String superuserPassword;

    ClusterRoles(int port, String superuser, String superuserPassword) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/";
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** A cluster made with trust logins (before passwords): the superuser gets its password while trust still lets it in. */
    static void setSuperuserPasswordUnderTrust(int port, String superuser, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", superuser, "");
             Statement s = c.createStatement()) {
            s.execute("alter role " + superuser + " password '" + password + "'");
        }
    }

    /**
     * The hub's role with its password and its database. A cluster whose hub data is still in the {@code postgres}
     * database (made before the hub had its own role) has that database renamed, so that nothing is copied or lost.
     */
    void provision(String role, String password, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + "template1", superuser, superuserPassword); Statement s = c.createStatement()) {
            if (!exists(s, "select 1 from pg_roles where rolname = '" + role + "'")) {
                s.execute("create role " + role + " login nosuperuser nocreatedb nocreaterole noreplication password '" + password + "'");
                LOG.info("event=postgres-role-created role={}", role);
            } else {
                s.execute("alter role " + role + " login nosuperuser nocreatedb nocreaterole noreplication password '" + password + "'");
            }
            if (!exists(s, "select 1 from pg_database where datname = '" + database + "'")) {
                if (hubTablesIn("postgres")) {
                    s.execute("alter database postgres rename to " + database);
                    s.execute("create database postgres");
                    LOG.info("event=postgres-database-renamed from=postgres to={} (the hub's data from before it had a role of its own)", database);
                } else {
                    s.execute("create database " + database + " owner " + role + " encoding 'UTF8'");
                }
            }
            s.execute("alter database " + database + " owner to " + role);
            s.execute("revoke all on database " + database + " from public");
        }
        try (Connection c = DriverManager.getConnection(url + database, superuser, superuserPassword); Statement s = c.createStatement()) {
            s.execute("alter schema public owner to " + role);
            List<String> objects = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select c.relkind, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " join pg_roles r on r.oid = c.relowner where n.nspname = 'public' and r.rolname <> '" + role + "'"
                    + " and c.relkind in ('r', 'S', 'v', 'm', 'p')")) {
                while (rs.next()) {
                    String kind = switch (rs.getString(1)) {
                        case "S" -> "sequence";
                        case "v" -> "view";
                        case "m" -> "materialized view";
                        default -> "table";
                    };
                    objects.add("alter " + kind + " public.\"" + rs.getString(2).replace("\"", "\"\"") + "\" owner to " + role);
                }
            }
            for (String sql : objects) {
                s.execute(sql);
            }
            if (!objects.isEmpty()) {
                LOG.info("event=postgres-ownership-moved role={} objects={}", role, objects.size());
            }
        }
    }

    private boolean hubTablesIn(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + database, superuser, superuserPassword); Statement s = c.createStatement()) {
            return exists(s, "select 1 from pg_tables where schemaname = 'public' and tablename = 'flyway_schema_history'");
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }
}
