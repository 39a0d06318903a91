package org.lintel.hub;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real InfluxDB 1.x server (Debian's {@code influxd}, installed by test.sh) started on free loopback ports in a
 * temporary folder, for the tests that need one.
 */
public final class InfluxServer implements AutoCloseable {

    private Process process;
    private final int port;
    private final Path folder;

    private InfluxServer(Process process, int port, Path folder, int rpc) {
        this.process = process;
        this.port = port;
        this.folder = folder;
        this.rpc = rpc;
    }

    private final int rpc;

    /** Where influxd backup and restore reach this server (its bind-address). */
    public String backupHost() {
        return "127.0.0.1:" + rpc;
    }

    /** Starts the stopped server again on the same port and data. */
    public void restart() throws IOException {
        process = launch(folder);
        Await.until("InfluxDB to answer /ping again", Duration.ofSeconds(30), this::pings);
    }

    private static Process launch(Path folder) throws IOException {
        return new ProcessBuilder("/usr/bin/influxd", "-config", folder.resolve("influxdb.conf").toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("influxd.log").toFile())).start();
    }

    public static InfluxServer start() throws IOException {
        Path folder = TestFolders.passable("influx");
        int port = TestFolders.freePort();
        int rpc = TestFolders.freePort();
        Path conf = folder.resolve("influxdb.conf");
        Files.writeString(conf, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                """.formatted(rpc, folder, folder, folder, port));
        if (!Files.isExecutable(Path.of("/usr/bin/influxd"))) {
            throw new IllegalStateException("influxd is not installed; ./test.sh installs the Debian package 'influxdb'");
        }
        InfluxServer s = new InfluxServer(launch(folder), port, folder, rpc);
        Await.until("InfluxDB to answer /ping on port " + port, Duration.ofSeconds(30), s::pings);
        return s;
    }

    private boolean pings() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/ping").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 204;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
