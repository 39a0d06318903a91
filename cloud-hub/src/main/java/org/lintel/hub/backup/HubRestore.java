package org.lintel.hub.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.lintel.hub.storage.DataFolderLock;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a backup into an empty hub: the data folder (and, when external, the PostgreSQL database and the InfluxDB
 * database) must hold nothing yet, so that nothing is ever mixed or overwritten. Every file is checked against the
 * manifest before anything is written. The hub is then started on the restored folder as usual.
 */
public final class HubRestore {

    private static final Logger LOG = LoggerFactory.getLogger(HubRestore.class);

    private HubRestore() {
    }

    public static BackupManifest into(HubStores c, Path from, String influxBackupHost) {
        BackupManifest m = verified(from);
        boolean embeddedSeries = c.influxUrl() == null;
        if (embeddedSeries != m.timeSeries().equals("embedded")) {
            throw new BackupException("the backup's time series come from " + (embeddedSeries ? "InfluxDB" : "the embedded store")
                    + ", and this hub is configured for " + (embeddedSeries ? "the embedded store: give --influx-url" : "InfluxDB: leave out --influx-url"));
        }
        try {
            Files.createDirectories(c.data());
        } catch (IOException e) {
            throw new BackupException("cannot make the data folder " + c.data() + ": " + e.getMessage());
        }
        try (DataFolderLock lock = DataFolderLock.claim(c.data())) {
            requireEmpty(c);
            restorePostgres(c, from);
            if (embeddedSeries) {
                Path folder = Files.createDirectories(c.data().resolve("timeseries"));
                Files.copy(from.resolve(HubBackup.TIME_SERIES), folder.resolve("timeseries.wal"));
            } else {
                HubBackup.influxd(List.of("restore", "-portable", "-db", c.influxDatabase(), "-host", influxBackupHost,
                        from.resolve(HubBackup.INFLUX).toString()));
            }
            try (Stream<Path> files = Files.list(from.resolve("data"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, c.data().resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            copyTree(from.resolve("config"), c.data().resolve("restored-config"));
            LOG.info("event=restore-finished from={} data={} backupStartedAt={} config={}", from, c.data(), m.startedAt(), c.data().resolve("restored-config"));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e);
        }
    }

    /** The manifest, after every file it lists is found with its size and checksum. */
    static BackupManifest verified(Path from) {
        Path manifest = from.resolve(HubBackup.MANIFEST);
        if (!Files.isReadable(manifest)) {
            throw new BackupException(from + " has no " + HubBackup.MANIFEST + ": not a Lintel backup, or one that did not finish");
        }
        try {
            BackupManifest m = HubBackup.JSON.readValue(manifest.toFile(), BackupManifest.class);
            if (m.format() != BackupManifest.FORMAT) {
                throw new BackupException(manifest + ": backup format " + m.format() + ", this hub reads format " + BackupManifest.FORMAT);
            }
            for (BackupManifest.FileEntry f : m.files()) {
                Path p = from.resolve(f.path());
                if (!Files.isRegularFile(p) || Files.size(p) != f.bytes() || !HubBackup.sha256(p).equals(f.sha256())) {
                    throw new BackupException(p + " is missing or damaged (size or SHA-256 differs from " + HubBackup.MANIFEST + "); nothing was restored");
                }
            }
            return m;
        } catch (IOException e) {
            throw new BackupException(manifest + " cannot be read: " + e.getMessage());
        }
    }

    private static void requireEmpty(HubStores c) throws IOException {
        for (String part : List.of("postgres/cluster/PG_VERSION", "timeseries/timeseries.wal", "ack-link.key", "admin-token")) {
            Path p = c.data().resolve(part);
            if (Files.exists(p) && (!part.endsWith(".wal") || Files.size(p) > 0)) {
                throw new BackupException(c.data() + " already holds a hub (" + p + "): restore into an empty data folder");
            }
        }
        if (c.postgresUrl() != null) {
            PgTools.Target t = HubBackup.postgresOf(c);
            try (Connection db = DriverManager.getConnection(c.postgresUrl(), t.user(), t.password());
                 ResultSet r = db.createStatement().executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
                r.next();
                if (r.getInt(1) > 0) {
                    throw new BackupException("database " + c.postgresUrl() + " already has " + r.getInt(1) + " tables: restore into an empty database");
                }
            } catch (SQLException e) {
                throw new BackupException("cannot reach " + c.postgresUrl() + ": " + e.getMessage());
            }
        }
    }

    private static void restorePostgres(HubStores c, Path from) {
        Path dump = from.resolve(HubBackup.POSTGRES);
        if (c.postgresUrl() != null) {
            PgTools.restore(HubBackup.postgresOf(c), dump, null);
            return;
        }
        // a new cluster with the hub's role and database, then the dump as the superuser, every object owned by the hub's role
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(c.data().resolve("postgres"), c.postgresPort())) {
            PgTools.restore(new PgTools.Target("127.0.0.1", pg.port(), EmbeddedPostgres.DATABASE, EmbeddedPostgres.USER, pg.superuserPassword()),
                    dump, EmbeddedPostgres.HUB_USER);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
