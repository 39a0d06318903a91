package org.lintel.hub.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.EmbeddedTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * The hub as its own process, with the embedded defaults, killed with SIGKILL while a gateway publishes as fast as its
 * in-flight window allows. The gateway keeps what was not acknowledged and sends it again to the restarted hub, as
 * Lintel's gateway does from its disk buffer; every reading it was acknowledged for must be stored, exactly once.
 */
class HubCrashTest {

    static final String E = "energy.import.total";
    static final int METRICS_PER_MESSAGE = 10;

    private final List<Process> hubs = new ArrayList<>();
    private Path data;
    private int postgresPort;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : hubs) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (data != null && Files.exists(data.resolve("postgres/cluster/postmaster.pid"))) {
            // whatever a failed run left: starting on the folder stops an orphan, closing stops it for good
            EmbeddedPostgres.start(data.resolve("postgres"), postgresPort).close();
        }
    }

    @Test
    void aHubKilledWhileAGatewayPublishesUnthrottledLosesNoAcknowledgedReading() throws Exception {
        data = TestFolders.passable("hub-crash");
        postgresPort = TestFolders.freePort();
        int mqttPort = TestFolders.freePort();
        Process first = startHub(mqttPort, "first");

        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<IMqttDeliveryToken> tokens;
        int firstData;
        try (TestEdgeNode gw = gateway(mqttPort)) {
            gw.awaitAcks = false;
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", units());
            firstData = gw.pending.size();
            assertEquals(2, firstData);
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        gw.data("b1-0101-em", false, message(base, i));
                    }
                } catch (Exception connectionLost) {
                    // the hub was killed: the gateway stops here with what is unacknowledged still in its buffer
                }
            }, "unthrottled-gateway");
            publisher.start();
            // behind: the gateway keeps its whole window in flight while the hub stores and acknowledges
            Await.until("3,000 messages acknowledged", Duration.ofSeconds(60), () -> gw.acknowledged.get() >= 3_000);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of anything
            assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            publisher.join(30_000);
            assertFalse(publisher.isAlive(), "the gateway noticed the hub is gone");
            synchronized (gw.pending) {
                tokens = List.copyOf(gw.pending.subList(firstData, gw.pending.size()));
            }
        }
        assertTrue(Files.readString(data.resolve("first.log")).lines().noneMatch(l -> l.contains("OutOfMemoryError")));

        List<Integer> acked = new ArrayList<>();
        List<Integer> unacked = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            (isAcknowledged(tokens.get(i)) ? acked : unacked).add(i);
        }
        System.out.printf("event=crash-test published=%d acknowledged=%d unacknowledged=%d%n", tokens.size(), acked.size(), unacked.size());

        // the restarted hub finds the dead one's PostgreSQL still running on the data folder and must start anyway
        Process second = startHub(mqttPort, "second");
        try (TestEdgeNode gw = gateway(mqttPort)) {
            gw.awaitAcks = false;
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", units());
            for (int i : unacked) {
                gw.data("b1-0101-em", false, message(base, i));
            }
            long expected = gw.pending.size();
            Await.until("the resent messages acknowledged", Duration.ofSeconds(60), () -> gw.acknowledged.get() == expected);
        }
        second.destroy(); // SIGTERM: the hub stops cleanly and releases its store
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));

        try (EmbeddedTimeSeriesStore store = EmbeddedTimeSeriesStore.open(data.resolve("timeseries"))) {
            List<StoredPoint> stored = store.history("hub-test", "b1-0101-em", E, base, base.plus(Duration.ofDays(1)), 10_000_000);
            Map<Instant, Double> byTime = new LinkedHashMap<>();
            stored.forEach(p -> byTime.put(p.time(), p.number()));
            assertEquals(stored.size(), byTime.size(), "no reading stored twice");
            for (int i : acked) {
                for (Object[] v : message(base, i)) {
                    assertEquals((Double) v[2], byTime.get((Instant) v[1]), "acknowledged before the kill: message " + i + " at " + v[1]);
                }
            }
            assertEquals((long) tokens.size() * METRICS_PER_MESSAGE, stored.size(), "every reading published, none extra");
        }
        assertTrue(Files.readString(data.resolve("second.log")).contains("event=postgres-orphan-found"), "the orphan was found and stopped");
    }

    @Test
    void aSecondHubOnTheSameDataFolderIsRefusedAndNamesTheFirst() throws Exception {
        Path folder = TestFolders.passable("hub-twice");
        HubConfig config = HubConfig.embedded(folder, 0, 0, 0).withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withAdminToken("test-admin");
        try (Hub running = Hub.start(config)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hub.start(config));
            assertTrue(e.getMessage().contains("another hub is running on data folder " + folder), e.getMessage());
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(running.registry() != null, "the first hub is untouched");
        }
        Hub.start(config).close(); // the lock goes with the hub that held it
    }

    /** Ten readings of the energy register, a millisecond apart, whose values say which message they came in. */
    static Object[][] message(Instant base, int i) {
        Object[][] v = new Object[METRICS_PER_MESSAGE][];
        for (int k = 0; k < METRICS_PER_MESSAGE; k++) {
            long n = (long) i * METRICS_PER_MESSAGE + k;
            v[k] = new Object[] {E, base.plusMillis(n), n / 100.0};
        }
        return v;
    }

    static Map<String, String> units() {
        return new LinkedHashMap<>(Map.of(E, "kWh"));
    }

    static boolean isAcknowledged(IMqttDeliveryToken t) {
        return t.isComplete() && t.getException() == null;
    }

    static TestEdgeNode gateway(int mqttPort) throws Exception {
        return new TestEdgeNode("tcp://127.0.0.1:" + mqttPort, "hub-test", "gw-b1", "gw-b1", "b1-secret");
    }

    private Process startHub(int mqttPort, String name) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // a small heap: the hub must bound what it holds under an unthrottled gateway, not buffer it
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"), "org.lintel.hub.app.HubMain",
                "--data", data.toString(), "--site", TestFolders.site("hub-test.yaml").toAbsolutePath().toString(),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(TestFolders.freePort()),
                "--mqtt-host", "127.0.0.1", "--mqtt-port", String.valueOf(mqttPort), "--postgres-port", String.valueOf(postgresPort))
                .redirectErrorStream(true).redirectOutput(data.resolve(name + ".log").toFile()).start();
        hubs.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the " + name + " hub exited (" + p.exitValue() + "): " + Files.readString(data.resolve(name + ".log")));
            }
            try (Socket s = new Socket("127.0.0.1", mqttPort)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the " + name + " hub did not open its gateway port in 120 s");
    }
}
