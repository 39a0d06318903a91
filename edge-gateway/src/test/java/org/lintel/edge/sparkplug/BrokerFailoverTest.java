package org.lintel.edge.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.edge.EdgeGateway;
import org.lintel.edge.modbus.RequestPlanner;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.Reading;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * The gateway given two broker nodes (two Debian mosquittos, independent, as a scaled-out hub allows): it walks to
 * the other node when its primary host has said nothing on this one, when the host says offline here, and when this
 * node stops answering (SIGSTOP: a hung node). Every reading that entered the buffer reaches a host on one node or the
 * other, and what a left node had not acknowledged is sent again on the next, flagged historical.
 */
class BrokerFailoverTest {

    private final List<Process> brokers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<TestHost> hosts = new ArrayList<>();
    private Simulation sim;
    private EdgeGateway gateway;
    private SparkplugUplink uplink;
    /** device@sourceMillis of every good energy reading handed to the uplink (it is then in the buffer). */
    private final Set<String> entered = ConcurrentHashMap.newKeySet();

    private int startBroker(int port) throws Exception {
        Path conf = Files.createTempFile("mosquitto", ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        brokers.add(new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return port;
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
        for (Process b : brokers) {
            // a stopped broker must be continued to die
            new ProcessBuilder("kill", "-CONT", Long.toString(b.pid())).start().waitFor();
            b.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (uplink != null) {
            uplink.close();
        }
        if (sim != null) {
            sim.close();
        }
        for (TestHost h : hosts) {
            try {
                h.close();
            } catch (Exception gone) {
                // its broker is gone
            }
        }
    }

    /** Two mosquittos, the simulator's meters, and the gateway given both nodes (node 0 first), its host wait 2 s. */
    private void startGateway() throws Exception {
        Path site = org.lintel.edge.TestSites.withFreePorts("sites/edge-test.yaml", org.lintel.edge.EdgeTestPorts.ALL).file();
        for (int i = 0; i < 2; i++) {
            ports.add(startBroker(org.lintel.edge.TestSites.freePort()));
        }
        sim = Simulation.start(site, SimulationOptions.defaults().withHttpPort(0).withSpeed(60).withDataDir(Files.createTempDirectory("failover-sim")));
        SiteLoader.Loaded loaded = SiteLoader.load(site);
        Site s = loaded.orThrow();
        List<DeviceContext> contexts = new ArrayList<>();
        s.devicesOf("gw-b1").forEach(d -> contexts.add(DeviceContext.of(s.id(), "gw-b1", d, loaded.profiles().find(d.profile()).orElseThrow())));
        uplink = new SparkplugUplink(new UplinkSettings(url(0) + "," + url(1), null, null, s.id(), "gw-b1", "lintel-hub",
                Files.createTempDirectory("failover-buffer"), 64L << 20, Duration.ofSeconds(2), null, Duration.ofSeconds(2)), s.id(), contexts);
        gateway = new EdgeGateway(s, loaded.profiles(), "gw-b1", batch -> {
            uplink.accept(batch);
            for (Reading r : batch.readings()) {
                if (r.point().equals("energy.import.total") && r.quality().level() == QualityLevel.GOOD) {
                    entered.add(batch.deviceId() + "@" + r.sourceTime().toEpochMilli());
                }
            }
        }, new EdgeGateway.Options(Duration.ofSeconds(30), RequestPlanner.Options.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Files.createTempDirectory("failover-edge")));
    }

    @Test
    void theGatewayWalksToTheNodeWhereItsHostIsOnlineAndLosesNothingOnTheWay() throws Exception {
        startGateway();
        // the host is on node 1 only: on node 0, where the gateway begins, nobody says anything
        TestHost onNode1 = new TestHost(url(1), "lintel-hub");
        hosts.add(onNode1);
        uplink.start();
        gateway.start();

        onNode1.await(ms -> onNode1.of("NBIRTH").size() == 1 && onNode1.of("DDATA").size() >= 5, Duration.ofSeconds(30),
                "the gateway on node 1, after hearing nothing from its host on node 0");

        // the host says offline on node 1 and comes online on node 0: the gateway dies on node 1 and is born on node 0
        TestHost onNode0 = new TestHost(url(0), "lintel-hub");
        hosts.add(onNode0);
        onNode1.announce(false);
        onNode0.await(ms -> onNode0.of("NBIRTH").size() == 1 && onNode0.of("DDATA").size() >= 5, Duration.ofSeconds(30),
                "the gateway on node 0, after its host said offline on node 1");
        onNode1.await(ms -> onNode1.of("NDEATH").size() == 1, Duration.ofSeconds(5), "the gateway's death on the node it left");

        // node 0 hangs (SIGSTOP): the keep-alive finds it, and the gateway goes back to node 1, where its host is online again
        onNode1.announce(true);
        int before = onNode1.of("DDATA").size();
        new ProcessBuilder("kill", "-STOP", Long.toString(brokers.get(0).pid())).start().waitFor();
        onNode1.await(ms -> onNode1.of("DDATA").size() >= before + 5, Duration.ofSeconds(40), "the gateway back on node 1 after node 0 hung");
        // polling stops and the buffer drains: every reading that entered it is then at a host, or never will be
        gateway.close();
        gateway = null;
        long drainBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (uplink.buffer().backlog() > 0 && System.nanoTime() < drainBy) {
            Thread.sleep(50);
        }
        assertEquals(0, uplink.buffer().backlog(), "the buffer drained to node 1");
        onNode1.await(ms -> TestHost.energyReadings(hosts, new HashMap<>(), new HashMap<>()).keySet().containsAll(Set.copyOf(entered)),
                Duration.ofSeconds(20), "every reading of the " + entered.size() + " that entered the buffer");

        Map<String, Integer> count = TestHost.energyReadings(hosts, new HashMap<>(), new HashMap<>());
        List<String> missing = entered.stream().filter(k -> !count.containsKey(k)).sorted().toList();
        assertEquals(List.of(), missing, "every reading that entered the buffer arrived on one node or the other");
        assertTrue(entered.size() >= 10, "readings went through all three phases: " + entered.size());
        assertTrue(onNode1.of("DDATA").stream().skip(before).anyMatch(m -> m.payload().getMetrics().stream()
                        .anyMatch(x -> Boolean.TRUE.equals(x.isHistorical()))),
                "what the hung node did not acknowledge came again on node 1, flagged historical");
        System.out.printf("failover test: %d readings entered, %d distinct arrived, %d more than once, at %s%n", entered.size(), count.size(),
                count.values().stream().filter(n -> n > 1).count(), Instant.now());
    }

    @Test
    void withItsHostOfflineOnEveryNodeTheGatewayWalksAtAGrowingIntervalNotInATightLoop() throws Exception {
        startGateway();
        TestHost onNode0 = new TestHost(url(0), "lintel-hub");
        TestHost onNode1 = new TestHost(url(1), "lintel-hub");
        hosts.add(onNode0);
        hosts.add(onNode1);
        onNode0.announce(false);
        onNode1.announce(false);
        uplink.start();
        gateway.start();
        // a hub restarting says offline everywhere: every walk leaves an NDEATH behind on the node it left
        Thread.sleep(8000);
        int deaths = onNode0.of("NDEATH").size() + onNode1.of("NDEATH").size();
        // rounds of two walks, then waits of 1 s, 2 s, 4 s: about 8 walks in 8 s; a tight loop makes hundreds
        assertTrue(deaths >= 2 && deaths <= 12, "walks in 8 s with the host offline on both nodes: " + deaths);
        assertEquals(0, onNode0.of("DDATA").size() + onNode1.of("DDATA").size(), "nothing published while the host is offline");
        onNode1.announce(true);
        onNode1.await(ms -> onNode1.of("NBIRTH").size() == 1 && onNode1.of("DDATA").size() >= 3, Duration.ofSeconds(40),
                "the gateway on node 1 once its host is back there");
        assertTrue(onNode1.of("DDATA").stream().anyMatch(m -> m.payload().getMetrics().stream().anyMatch(x -> Boolean.TRUE.equals(x.isHistorical()))),
                "what was polled meanwhile comes flagged historical");
    }
}
