package org.lintel.hub.backup;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL's own client tools, pg_dump and pg_restore (Debian's postgresql-client), run against one database. The
 * password goes through the environment (PGPASSWORD), never the command line.
 */
final class PgTools {

    /** Where a database is and who logs in. */
    record Target(String host, int port, String database, String user, String password) {

        /** From a JDBC URL such as {@code jdbc:postgresql://db:5432/lintel}. */
        static Target fromJdbc(String url, String user, String password) {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("--postgres-url " + url + ": expected jdbc:postgresql://host[:port]/database");
            }
            URI u = URI.create(url.substring("jdbc:".length()));
            String db = u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
            if (u.getHost() == null || db.isEmpty()) {
                throw new IllegalArgumentException("--postgres-url " + url + ": expected jdbc:postgresql://host[:port]/database");
            }
            return new Target(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), db, user, password);
        }
    }

    private PgTools() {
    }

    static void dump(Target t, Path file) {
        run(List.of("pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + file), t, "pg_dump");
    }

    /** Into an empty database, in one transaction: a failure leaves it empty, never half restored. */
    static void restore(Target t, Path file, String role) {
        List<String> command = new ArrayList<>(List.of("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"));
        if (role != null) {
            command.add("--role=" + role);
        }
        command.add("--dbname=" + t.database());
        command.add(file.toString());
        run(command, t, "pg_restore");
    }

    private static void run(List<String> tool, Target t, String name) {
        List<String> command = new ArrayList<>(tool);
        command.addAll(1, List.of("--host=" + t.host(), "--port=" + t.port(), "--username=" + t.user()));
        if (name.equals("pg_dump")) {
            command.add("--dbname=" + t.database());
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (t.password() != null) {
            b.environment().put("PGPASSWORD", t.password());
        }
        try {
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new BackupException(name + " of database " + t.database() + " on " + t.host() + ":" + t.port() + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new BackupException(name + " could not be run (" + e.getMessage() + "): install PostgreSQL's client tools,"
                    + " e.g. apt-get install postgresql-client");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException(name + " was interrupted");
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new BackupException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
