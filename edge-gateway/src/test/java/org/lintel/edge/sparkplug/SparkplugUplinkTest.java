package org.lintel.edge.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.edge.EdgeGateway;
import org.lintel.edge.modbus.RequestPlanner;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * The Sparkplug B edge node against a real MQTT broker (Moquette, embedded): birth, data, rebirth and death checked
 * topic by topic and payload by payload; a broker outage replayed in order and flagged historical.
 */
class SparkplugUplinkTest {

    // chosen free at run time: a fixed port in the ephemeral range can be taken by any outgoing connection
    private static final int PORT = freePort();
    private static final String BROKER = "tcp://127.0.0.1:" + PORT;
    private Server broker;
    private Simulation sim;
    private EdgeGateway gateway;
    private SparkplugUplink uplink;
    private TestHost host;
    private Path buffer;

    private Path site;

    private Path site() {
        return site;
    }

    private void startBroker() throws Exception {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(PORT));
        p.setProperty("host", "127.0.0.1");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        broker = new Server();
        broker.startServer(new MemoryConfig(p));
    }

    @BeforeEach
    void start() throws Exception {
        site = org.lintel.edge.TestSites.withFreePorts("sites/edge-test.yaml", org.lintel.edge.EdgeTestPorts.ALL).file();
        startBroker();
        host = new TestHost(BROKER, "lintel-hub");
        sim = Simulation.start(site(), SimulationOptions.defaults().withHttpPort(0).withSpeed(60)
                .withDataDir(Files.createTempDirectory("sp-sim")));
        SiteLoader.Loaded loaded = SiteLoader.load(site());
        Site s = loaded.orThrow();
        List<DeviceContext> contexts = new ArrayList<>();
        s.devicesOf("gw-b1").forEach(d -> contexts.add(DeviceContext.of(s.id(), "gw-b1", d, loaded.profiles().find(d.profile()).orElseThrow())));
        buffer = Files.createTempDirectory("sp-buffer");
        uplink = new SparkplugUplink(new UplinkSettings(BROKER, null, null, s.id(), "gw-b1", "lintel-hub", buffer, 64L << 20,
                Duration.ofSeconds(5), null), s.id(), contexts);
        uplink.start();
        gateway = new EdgeGateway(s, loaded.profiles(), "gw-b1", uplink, new EdgeGateway.Options(Duration.ofSeconds(30),
                RequestPlanner.Options.DEFAULT, Duration.ofSeconds(2), Duration.ofSeconds(5), Files.createTempDirectory("sp-edge")));
        gateway.start();
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        uplink.close();
        sim.close();
        host.close();
        broker.stopServer();
    }

    private static Metric metric(TestHost.Message m, String name) {
        return m.payload().getMetrics().stream().filter(x -> name.equals(x.getName())).findFirst().orElse(null);
    }

    @Test
    void nodeBirthThenADeviceBirthPerDeviceThenDataByAliasWithSequenceNumbers() throws Exception {
        host.await(ms -> ms.stream().filter(m -> m.type().equals("DDATA")).count() >= 5, Duration.ofSeconds(30), "births and data");
        List<TestHost.Message> all = host.messages;
        TestHost.Message nbirth = all.get(0);
        assertEquals("spBv1.0/edge-test/NBIRTH/gw-b1", nbirth.topic());
        assertEquals(0L, nbirth.payload().getSeq());
        assertNotNull(metric(nbirth, "bdSeq"));
        assertEquals(Boolean.FALSE, metric(nbirth, "Node Control/Rebirth").getValue());
        List<TestHost.Message> dbirths = host.of("DBIRTH");
        assertEquals(10, dbirths.size(), "one DBIRTH per device of gw-b1");
        for (int i = 0; i < dbirths.size(); i++) {
            assertEquals(i + 1L, dbirths.get(i).payload().getSeq(), "DBIRTHs follow NBIRTH in sequence");
        }
        TestHost.Message meterBirth = dbirths.stream().filter(m -> "b1-0101-em".equals(m.device())).findFirst().orElseThrow();
        Metric energy = metric(meterBirth, "energy.import.total");
        assertNotNull(energy.getAlias());
        assertEquals("kWh", energy.getProperties().getPropertyValue("engUnit").getValue());
        assertEquals(13, meterBirth.payload().getMetrics().size());
        // data messages reference metrics by alias only, and sequence numbers run on modulo 256
        TestHost.Message ddata = host.of("DDATA").get(0);
        assertTrue(ddata.payload().getMetrics().stream().allMatch(m -> m.getName() == null && m.getAlias() != null));
        long previous = -1;
        for (TestHost.Message m : all) {
            if (m.payload().getSeq() != null && !m.type().equals("NBIRTH")) {
                assertEquals((previous + 1) % 256, (long) m.payload().getSeq(), "seq of " + m.topic());
            }
            previous = m.payload().getSeq() == null ? previous : m.payload().getSeq();
        }
    }

    @Test
    void aRebirthCommandRepublishesEveryBirth() throws Exception {
        host.await(ms -> ms.stream().anyMatch(m -> m.type().equals("DDATA")), Duration.ofSeconds(30), "first data");
        int before = host.of("DBIRTH").size();
        host.rebirth("edge-test", "gw-b1");
        host.await(ms -> host.of("NBIRTH").size() == 2 && host.of("DBIRTH").size() == before + 10, Duration.ofSeconds(20), "rebirth");
        TestHost.Message second = host.of("NBIRTH").get(1);
        assertEquals(0L, second.payload().getSeq());
        assertEquals(metric(host.of("NBIRTH").get(0), "bdSeq").getValue(), metric(second, "bdSeq").getValue(), "same session, same bdSeq");
    }

    @Test
    void aCleanStopPublishesNodeDeathWithTheBirthsBdSeq() throws Exception {
        host.await(ms -> ms.stream().anyMatch(m -> m.type().equals("DDATA")), Duration.ofSeconds(30), "first data");
        gateway.close();
        uplink.close();
        host.await(ms -> !host.of("NDEATH").isEmpty(), Duration.ofSeconds(10), "NDEATH");
        TestHost.Message death = host.of("NDEATH").get(0);
        assertNull(death.payload().getSeq(), "NDEATH carries no seq");
        assertEquals(metric(host.of("NBIRTH").get(0), "bdSeq").getValue(), metric(death, "bdSeq").getValue());
        // the test's @AfterEach closes again; both must tolerate it
        gateway = new EdgeGateway(SiteLoader.load(site()).orThrow(), SiteLoader.load(site()).profiles(), "gw-b1", b -> { },
                EdgeGateway.Options.DEFAULT);
        uplink = new SparkplugUplink(new UplinkSettings(BROKER, null, null, "edge-test", "gw-b1x", null, Files.createTempDirectory("sp2"),
                1 << 20, Duration.ofSeconds(5), null), "edge-test", List.of());
    }

    @Test
    void aDeviceThatStopsAnsweringGetsDeviceDeathAndABirthWhenItAnswersAgain() throws Exception {
        host.await(ms -> ms.stream().anyMatch(m -> "b1-0102-em".equals(m.device()) && m.type().equals("DDATA")), Duration.ofSeconds(30), "meter data");
        String id = sim.scenarios().start("silent", "b1-0102-em", java.util.Map.of()).id();
        host.await(ms -> ms.stream().anyMatch(m -> "b1-0102-em".equals(m.device()) && m.type().equals("DDEATH")), Duration.ofSeconds(30), "DDEATH");
        // a snapshot: messages keep arriving, and a sub-list view of the live list fails when it grows under it
        List<TestHost.Message> seen = List.copyOf(host.messages);
        TestHost.Message death = seen.stream().filter(m -> "b1-0102-em".equals(m.device()) && m.type().equals("DDEATH")).findFirst().orElseThrow();
        // before the death, the failure itself was reported with its reason
        assertTrue(seen.subList(0, seen.indexOf(death)).stream().anyMatch(m -> "b1-0102-em".equals(m.device())
                && m.type().equals("DDATA") && m.payload().getMetrics().stream().anyMatch(x -> x.getProperties() != null
                && "timeout".equals(x.getProperties().getPropertyValue("qualityReason").getValue()))), "a timeout reading preceded DDEATH");
        int births = (int) host.of("DBIRTH").stream().filter(m -> "b1-0102-em".equals(m.device())).count();
        sim.scenarios().stop(id);
        host.await(ms -> host.of("DBIRTH").stream().filter(m -> "b1-0102-em".equals(m.device())).count() > births, Duration.ofSeconds(60),
                "DBIRTH after the device answers again");
    }

    @Test
    void aBrokerOutageIsReplayedInOrderAndFlaggedHistoricalThenLiveDataResumes() throws Exception {
        host.await(ms -> ms.stream().filter(m -> m.type().equals("DDATA")).count() >= 3, Duration.ofSeconds(30), "live data");
        host.close();
        broker.stopServer();
        long beforeOutage = uplink.buffer().lastSequence();
        // an outage long enough for the reconnect back-off to grow past 15 s (attempts at 1, 3, 7, 15, then 31 s): the
        // replay then waits for that attempt; three minutes, as before, proved nothing more at 2.5 minutes of suite time
        Thread.sleep(25_000);
        long duringOutage = uplink.buffer().lastSequence() - beforeOutage;
        assertTrue(duringOutage > 20, "the gateway kept buffering during the outage: " + duringOutage + " records");
        startBroker();
        host = new TestHost(BROKER, "lintel-hub");
        host.await(ms -> ms.stream().anyMatch(m -> m.type().equals("DDATA")
                && m.payload().getMetrics().stream().noneMatch(x -> Boolean.TRUE.equals(x.isHistorical()))), Duration.ofSeconds(60),
                "the replay, then live data");
        List<TestHost.Message> data = host.of("DDATA");
        int historical = 0;
        boolean liveSeen = false;
        for (TestHost.Message m : data) {
            boolean h = m.payload().getMetrics().stream().allMatch(x -> Boolean.TRUE.equals(x.isHistorical()));
            if (h) {
                assertTrue(!liveSeen, "all historical data comes before live data resumes");
                historical++;
            } else {
                liveSeen = true;
            }
        }
        assertTrue(historical >= duringOutage, historical + " historical DDATA for " + duringOutage + " records buffered in the outage");
        assertTrue(liveSeen, "live data resumed after the replay");
        // replayed energy readings of each meter are in time order
        for (String meter : List.of("b1-0101-em", "b1-0102-em")) {
            long last = 0;
            for (TestHost.Message m : data) {
                if (meter.equals(m.device())) {
                    for (Metric x : m.payload().getMetrics()) {
                        assertTrue(x.getTimestamp().getTime() >= last, "time order for " + meter);
                        last = Math.max(last, x.getTimestamp().getTime());
                    }
                }
            }
        }
        host.await(ms -> uplink.buffer().backlog() == 0, Duration.ofSeconds(30), "an empty backlog");
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
