package org.lintel.hub;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus (Debian's package) scraping what the test names, on loopback, with its data in a throw-away
 * folder. The configuration is the repository's docker/prometheus/prometheus.yml with the target and interval a test
 * can wait for put in.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final int port;

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with {@code config} (a prometheus.yml text). */
    public static PrometheusServer start(String config) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("prometheus is not installed; ./test.sh installs the Debian package 'prometheus'");
        }
        Path folder = TestFolders.passable("prometheus");
        Path file = folder.resolve("prometheus.yml");
        Files.writeString(file, config);
        int port = TestFolders.freePort();
        Process p = new ProcessBuilder(BINARY.toString(), "--config.file=" + file, "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("prometheus.log").toFile())).start();
        PrometheusServer s = new PrometheusServer(p, port);
        Await.until("Prometheus to answer /-/ready on port " + port, Duration.ofSeconds(30), s::ready);
        return s;
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/-/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
