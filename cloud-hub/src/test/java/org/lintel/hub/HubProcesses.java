package org.lintel.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lintel.hub.storage.EmbeddedPostgres;

/**
 * Hubs started as their own processes on one data folder and fixed ports (a crash test kills one with SIGKILL and
 * starts the next on what it left), with the embedded defaults. {@link #close} kills what is still running and stops
 * an embedded PostgreSQL a killed hub left behind.
 */
public final class HubProcesses implements AutoCloseable {

    public final Path data;
    public final int httpPort;
    public final int mqttPort;
    public final int postgresPort;
    private final Path site;
    private final String adminToken;
    private final List<Process> started = new ArrayList<>();

    public HubProcesses(String folderPrefix, Path site, String adminToken) throws IOException {
        this(TestFolders.passable(folderPrefix), site, adminToken);
    }

    /** Hubs on a data folder made elsewhere (a restored backup, say). */
    public HubProcesses(Path data, Path site, String adminToken) throws IOException {
        this.data = data;
        this.httpPort = TestFolders.freePort();
        this.mqttPort = TestFolders.freePort();
        this.postgresPort = TestFolders.freePort();
        this.site = site;
        this.adminToken = adminToken;
    }

    /** Starts a hub (its log in {@code name}.log) and returns once it answers {@code /health}. */
    public Process start(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.lintel.hub.app.HubMain",
                "--data", data.toString(), "--site", site.toAbsolutePath().toString(), "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String.valueOf(mqttPort), "--postgres-port", String.valueOf(postgresPort))
                .redirectErrorStream(true).redirectOutput(data.resolve(name + ".log").toFile());
        b.environment().put("LINTEL_ADMIN_TOKEN", adminToken);
        Process p = b.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the " + name + " hub exited (" + p.exitValue() + "): " + Files.readString(data.resolve(name + ".log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + name + " hub did not answer /health in 120 s");
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    @Override
    public void close() throws Exception {
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (Files.exists(data.resolve("postgres/cluster/postmaster.pid"))) {
            // whatever a killed hub left: starting on the folder stops an orphan, closing stops it for good
            EmbeddedPostgres.start(data.resolve("postgres"), postgresPort).close();
        }
    }
}
