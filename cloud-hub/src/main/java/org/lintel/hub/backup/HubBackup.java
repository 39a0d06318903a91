package org.lintel.hub.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a backup of a running hub into a new folder: PostgreSQL first, then the time series, then the configuration.
 * In that order, every reading a stored bill or alarm was computed from is in the time series copy, which is taken
 * later. The hub keeps running and keeps acknowledging readings meanwhile; what arrives after each store's copy began
 * is not in the backup (the gateways' buffers hold the last hours anyway).
 */
public final class HubBackup {

    private static final Logger LOG = LoggerFactory.getLogger(HubBackup.class);
    static final String MANIFEST = "manifest.json";
    static final String POSTGRES = "postgres.dump";
    static final String TIME_SERIES = "timeseries.wal";
    static final String INFLUX = "influxdb";
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private HubBackup() {
    }

    /**
     * @param influxBackupHost InfluxDB's backup and restore port ({@code bind-address} in influxdb.conf, 127.0.0.1:8088 by
     *                         default); used only with InfluxDB
     */
    public static BackupManifest take(HubStores c, Path to, String influxBackupHost, Clock clock) {
        Instant started = clock.instant();
        prepareEmpty(to);
        LOG.info("event=backup-started folder={} postgres={} timeseries={}", to, c.postgresUrl() == null ? "embedded" : "external",
                c.influxUrl() == null ? "embedded" : "influxdb");
        PgTools.dump(postgresOf(c), to.resolve(POSTGRES));
        long points = -1;
        if (c.influxUrl() == null) {
            points = EmbeddedTimeSeriesStore.copyLog(c.data().resolve("timeseries"), to.resolve(TIME_SERIES));
        } else {
            influxd(List.of("backup", "-portable", "-database", c.influxDatabase(), "-host", influxBackupHost, to.resolve(INFLUX).toString()));
        }
        copyConfiguration(c, to);
        List<BackupManifest.FileEntry> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(to)) {
            for (Path f : all.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new BackupManifest.FileEntry(to.relativize(f).toString(), Files.size(f), sha256(f)));
            }
            BackupManifest m = new BackupManifest(BackupManifest.FORMAT, version(), started, clock.instant(),
                    c.postgresUrl() == null ? "embedded" : "external", c.influxUrl() == null ? "embedded" : "influxdb", points, files);
            Files.writeString(to.resolve(MANIFEST), JSON.writeValueAsString(m));
            LOG.info("event=backup-finished folder={} files={} bytes={} timeseriesPoints={} seconds={}", to, files.size(),
                    files.stream().mapToLong(BackupManifest.FileEntry::bytes).sum(), points,
                    java.time.Duration.between(started, m.finishedAt()).toSeconds());
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database as the backup tools reach it: the embedded server as its superuser, an external one as the hub. */
    static PgTools.Target postgresOf(HubStores c) {
        if (c.postgresUrl() != null) {
            return PgTools.Target.fromJdbc(c.postgresUrl(), c.postgresUser(), c.postgresPassword());
        }
        Path secret = c.data().resolve("postgres/secrets/superuser-password");
        if (!Files.isReadable(secret)) {
            throw new BackupException(c.data() + " has no embedded PostgreSQL (no " + secret + "): is --data the hub's data folder?");
        }
        return new PgTools.Target("127.0.0.1", c.postgresPort(), EmbeddedPostgres.DATABASE, EmbeddedPostgres.USER, PgTools.read(secret));
    }

    private static void prepareEmpty(Path to) {
        try {
            if (Files.exists(to)) {
                try (Stream<Path> in = Files.list(to)) {
                    if (in.findAny().isPresent()) {
                        throw new BackupException(to + " is not empty: give each backup a new folder, e.g. lintel-$(date +%F-%H%M)");
                    }
                }
            } else {
                Files.createDirectories(to);
            }
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new BackupException("cannot make the backup folder " + to + ": " + e.getMessage());
        }
    }

    /** Site files and the escalation file as given, and the data folder's own files (keys, the first admin's secrets). */
    private static void copyConfiguration(HubStores c, Path to) {
        try {
            Path sites = Files.createDirectories(to.resolve("config/sites"));
            for (Path site : c.sites()) {
                Files.copy(site, sites.resolve(site.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (c.escalation() != null) {
                Files.copy(c.escalation(), to.resolve("config").resolve(c.escalation().getFileName()));
            }
            Path data = Files.createDirectories(to.resolve("data"));
            try (Stream<Path> files = Files.list(c.data())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (!name.equals("hub.lock") && !name.endsWith(".log")) {
                        Files.copy(f, data.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new BackupException("copying the configuration: " + e.getMessage());
        }
    }

    static void influxd(List<String> args) {
        List<String> command = new ArrayList<>(List.of("influxd"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new BackupException("influxd " + args.get(0) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new BackupException("influxd could not be run (" + e.getMessage() + "): run the backup where InfluxDB is installed"
                    + " (apt-get install influxdb), or with docker compose exec influxdb (docs/operations.md)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("influxd was interrupted");
        }
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String v = HubBackup.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
