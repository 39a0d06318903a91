package org.lintel.hub.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.Reading;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.site.SiteLoader;

/**
 * Two independent Debian mosquittos (no cluster), the hub connected to both and Lintel's own edge gateway given both:
 * one broker is stopped for maintenance while the meters are polled. The gateway walks to the other broker, the hub
 * takes what the stopped one still held for it once it is back, and every energy reading that entered the gateway's
 * buffer is in the hub's store.
 */
class IndependentBrokersTest {

    static final String SITE = "e2e-garden";
    static final String ENERGY = "energy.import.total";
    static final List<String> METERS = List.of("b1-0101-em", "b1-spare-em");

    private final List<Process> brokers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Path> confs = new ArrayList<>();
    private Hub hub;
    private Simulation sim;
    private GatewayRunner gateway;
    /** device@sourceTime of every good energy reading the gateway's buffer took. */
    private final Set<String> entered = ConcurrentHashMap.newKeySet();

    private Process startBroker(int node) throws Exception {
        Process p = new ProcessBuilder("mosquitto", "-c", confs.get(node).toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(confs.get(node).resolveSibling("mosquitto.log").toFile())).start();
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", ports.get(node))) {
                return p;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mosquitto did not start (is the Debian package installed? ./test.sh installs it)");
    }

    private String url(int node) {
        return "tcp://127.0.0.1:" + ports.get(node);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (hub != null) {
            hub.close();
        }
        for (Process b : brokers) {
            b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBrokerStoppedForMaintenanceLosesNoReadingBetweenTheGatewayAndTheHub() throws Exception {
        for (int node = 0; node < 2; node++) {
            Path dir = TestFolders.passable("mosquitto-" + node);
            // mosquitto started as root runs as the mosquitto user, which must be able to write its persistence file
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = TestFolders.freePort();
            Path conf = dir.resolve("mosquitto.conf");
            // persistence: what a broker stopped cleanly still held for the hub's sessions is there when it is back
            Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence true\npersistence_location " + dir + "/\n"
                    + "max_queued_messages 100000\n");
            ports.add(port);
            confs.add(conf);
            brokers.add(startBroker(node));
        }
        Path siteFile = TestFolders.siteWithFreePorts("e2e.yaml", 39521, 39683, 39840);
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-two-brokers"), 0, 0, 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(siteFile))
                .withAdminToken("two-brokers").withMaxReadingAge(Duration.ofDays(3650)).withExternalBroker(url(0) + "," + url(1)));
        awaitOnline(0);
        awaitOnline(1);
        sim = Simulation.start(siteFile, SimulationOptions.defaults().withHttpPort(0).withSpeed(60).withDataDir(TestFolders.passable("two-brokers-sim")));
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        gateway = GatewayRunner.start(loaded.orThrow(), loaded.profiles(), siteFile, "gw-e2e",
                new GatewayRunner.Overrides(url(0) + "," + url(1), null, null, null, 0), TestFolders.passable("two-brokers-edge"),
                // every poll sent, changed or not: the test follows each reading
                Duration.ofSeconds(1), batch -> {
                    for (Reading r : batch.readings()) {
                        if (METERS.contains(batch.deviceId()) && r.point().equals(ENERGY) && r.quality().level() == QualityLevel.GOOD) {
                            // the hub keeps milliseconds, as Sparkplug carries them
                            entered.add(batch.deviceId() + "@" + Instant.ofEpochMilli(r.sourceTime().toEpochMilli()));
                        }
                    }
                });
        Await.until("readings through broker 0", Duration.ofSeconds(60), () -> stored().size() >= 6);

        // broker 0 stopped for maintenance (SIGTERM: it saves what it holds): the gateway walks to broker 1
        brokers.get(0).destroy();
        assertTrue(brokers.get(0).waitFor(10, TimeUnit.SECONDS));
        int before = stored().size();
        Await.until("readings through broker 1 while broker 0 is down", Duration.ofSeconds(60), () -> stored().size() >= before + 10);

        // broker 0 back: the hub's sessions there give up what it held, the gateway stays where it is
        brokers.set(0, startBroker(0));
        // the hub is back on it within seconds (Paho's reconnect wait is capped), not the two minutes of Paho's default
        awaitOnline(0);
        // the meters stop being polled, then what the buffer holds is delivered before the gateway stops: a clean stop
        // does not drain its buffer, and a reading polled a moment before it would stay there for the next start
        gateway.gateway().close();
        Await.until("the gateway's buffer acknowledged", Duration.ofSeconds(30), () -> gateway.uplink().buffer().backlog() == 0);
        gateway.uplink().close();
        gateway = null;
        // every energy reading that entered the gateway's buffer, or after a minute the list of those missing
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stored().containsAll(entered) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Set<String> missing = new TreeSet<>(entered);
        missing.removeAll(stored());
        assertEquals(Set.of(), missing, "of " + entered.size() + " entered; stored: " + new TreeSet<>(stored()));
        assertTrue(entered.size() >= 16, "readings through both brokers (6 and 10 awaited above): " + entered.size());
        for (String device : METERS) {
            List<StoredPoint> history = hub.store().history(SITE, device, ENERGY, Instant.EPOCH, Instant.now().plus(Duration.ofDays(3650)), 100_000);
            assertEquals(history.stream().map(StoredPoint::time).distinct().count(), history.size(), device + ": one point per reading");
        }
    }

    /** device@time of every energy point in the hub's store. */
    private Set<String> stored() {
        Set<String> out = new java.util.HashSet<>();
        for (String device : METERS) {
            for (StoredPoint p : hub.store().history(SITE, device, ENERGY, Instant.EPOCH, Instant.now().plus(Duration.ofDays(3650)), 100_000)) {
                out.add(device + "@" + p.time());
            }
        }
        return out;
    }

    private void awaitOnline(int node) throws Exception {
        AtomicReference<String> state = new AtomicReference<>("");
        MqttClient watcher = new MqttClient(url(node), "state-watcher-" + System.nanoTime(), new MemoryPersistence());
        watcher.connect();
        try {
            watcher.subscribe("spBv1.0/STATE/lintel-hub", 1, (t, m) -> state.set(new String(m.getPayload(), StandardCharsets.UTF_8)));
            Await.until("STATE online on broker " + node, Duration.ofSeconds(30), () -> state.get().contains("\"online\":true"));
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }
}
