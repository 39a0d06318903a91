package org.lintel.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.Hub;
import org.lintel.hub.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.database.EmbeddedPostgres;
import org.lintel.hub.sparkplug.MosquittoAcl;
import org.lintel.hub.timeseries.StoredPoint;
import org.lintel.site.SiteLoader;

/**
 * The hub on an external broker, Debian's mosquitto, restarted while a gateway keeps publishing: the broker queues
 * the hub's persistent sessions meanwhile and redelivers them before the hub's subscriptions are acknowledged.
 */
class ExternalBrokerTest {

    static final String E = "energy.import.total";

    private Process broker;
    private Hub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHubRestartedThreeTimesWithAFullSessionIngestsEverythingQueuedForIt() throws Exception {
        int port = TestFolders.freePort();
        Path conf = Files.createTempFile("mosquitto", ".conf");
        // what docs/hub.md asks of a production broker: queues long enough for a hub restart
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n"
                + "max_inflight_messages 1000\n");
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitPort(port);
        Path data = TestFolders.passable("hub-external");
        HubConfig config = HubConfig.embedded(data, 0, 0, 0).withPostgres(TestPostgres.newDatabaseUrl(), EmbeddedPostgres.USER)
                .withSites(List.of(TestFolders.site("hub-test.yaml"))).withAdminToken("x").withMaxReadingAge(Duration.ofDays(3650))
                .withExternalBroker("tcp://127.0.0.1:" + port);
        hub = Hub.start(config);
        awaitHostOnline(port);
        Instant base = Instant.parse("2026-11-26T00:00:00Z");
        int expected = 0;
        try (TestEdgeNode gw = new TestEdgeNode("tcp://127.0.0.1:" + port, "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            for (int round = 0; round < 3; round++) {
                hub.close();
                hub = null;
                // the hub is down: what the gateway publishes now waits in the hub's sessions on the broker
                gw.nodeBirth();
                gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "kWh")));
                for (int i = 0; i < 500; i++) {
                    int n = expected++;
                    gw.data("b1-0101-em", false, new Object[] {E, base.plusSeconds(n), (double) n});
                }
                hub = Hub.start(config);
                awaitHostOnline(port);
                int total = expected;
                Await.until("all " + total + " readings after restart " + (round + 1), Duration.ofSeconds(60),
                        () -> history(base).size() == total);
            }
        }
        List<StoredPoint> stored = history(base);
        for (int n = 0; n < expected; n++) {
            assertEquals((double) n, stored.get(n).number(), "reading " + n);
        }
    }

    @Test
    void theGeneratedAclMakesMosquittoKeepEachGatewayToItsOwnTopics() throws Exception {
        int port = TestFolders.freePort();
        Path dir = TestFolders.passable("mosquitto-acl");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, MosquittoAcl.of(List.of(SiteLoader.load(TestFolders.site("hub-test.yaml")).orThrow()), "lintel-hub"));
        Path passwd = dir.resolve("passwd");
        String[][] users = {{"lintel-hub", "hub-secret"}, {"gw-b1", "b1-secret"}, {"gw-b2", "b2-secret"}};
        for (int i = 0; i < users.length; i++) {
            // -c creates the file with the first user; -b takes the password from the command line
            List<String> command = i == 0 ? List.of("mosquitto_passwd", "-c", "-b", passwd.toString(), users[i][0], users[i][1])
                    : List.of("mosquitto_passwd", "-b", passwd.toString(), users[i][0], users[i][1]);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous false\npassword_file " + passwd + "\nacl_file " + acl
                + "\npersistence false\n");
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        awaitPort(port);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.eclipse.paho.client.mqttv3.MqttClient host = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + port, "acl-host",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setUserName("lintel-hub");
        o.setPassword("hub-secret".toCharArray());
        host.connect(o);
        try {
            host.subscribe("spBv1.0/#", 1, (t, m) -> seen.add(t));
            try (TestEdgeNode gw = new TestEdgeNode("tcp://127.0.0.1:" + port, "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
                gw.raw("spBv1.0/hub-test/NDATA/gw-b2", new byte[] {1});
                gw.raw("spBv1.0/hub-test/DDATA/gw-b2/b1-spare-em", new byte[] {1});
                gw.raw("spBv1.0/STATE/lintel-hub", "{\"online\":false}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                gw.nodeBirth();
                Await.until("gw-b1's own birth", Duration.ofSeconds(10), () -> seen.contains("spBv1.0/hub-test/NBIRTH/gw-b1"));
            }
            assertEquals(List.of("spBv1.0/hub-test/NBIRTH/gw-b1"), seen.stream().filter(t -> !t.contains("NDEATH")).toList(),
                    "nothing under gw-b2's name or the host's STATE reached the host");
        } finally {
            host.disconnect();
            host.close();
        }
    }

    private List<StoredPoint> history(Instant from) {
        return hub.store().history("hub-test", "b1-0101-em", E, from, from.plus(Duration.ofDays(1)), 100_000);
    }

    /** The hub announces itself online only once all its consumers are subscribed, so their sessions exist. */
    private static void awaitHostOnline(int port) throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> state = new java.util.concurrent.atomic.AtomicReference<>("");
        org.eclipse.paho.client.mqttv3.MqttClient watcher = new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + port,
                "state-watcher-" + System.nanoTime(), new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        watcher.connect();
        try {
            watcher.subscribe("spBv1.0/STATE/lintel-hub", 1, (t, m) -> state.set(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8)));
            Await.until("STATE online", Duration.ofSeconds(30), () -> state.get().contains("\"online\":true"));
        } finally {
            watcher.disconnect();
            watcher.close();
        }
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mosquitto did not start (is the Debian package installed? ./test.sh installs it)");
    }
}
