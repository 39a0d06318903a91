package org.lintel.edge.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.profile.Point;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.sim.device.SimDevice;

/**
 * The gateway as its own process, sending to Debian's mosquitto: SIGKILLed during a broker outage and again during
 * the replay, restarted each time. Every reading that entered the buffer (the gateway prints a reading only after the
 * buffer accepted it) reaches the primary host, none more than three times (at-least-once allows one re-send per
 * disruption that catches it in flight: here the broker's kill and the gateway's second kill; the hub deduplicates), the replay is flagged historical, and every energy value matches what the simulated meter held.
 */
class UplinkCrashTest {

    private org.lintel.edge.TestSites.WithFreePorts site;
    private int brokerPort;
    private Process broker;
    private Simulation sim;
    private TestHost host;
    private final List<TestHost> hosts = new java.util.ArrayList<>();
    private Path data;
    private final Set<String> entered = ConcurrentHashMap.newKeySet();
    private final Map<String, double[]> printedValues = new ConcurrentHashMap<>();

    private Path site() {
        return site.file();
    }

    private void startBroker() throws Exception {
        Path conf = Files.createTempFile("mosquitto", ".conf");
        Files.writeString(conf, "listener " + brokerPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 50; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", brokerPort)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("mosquitto did not start (is the Debian package installed? ./test.sh installs it)");
    }

    /** Starts the gateway as a separate JVM that prints every reading once the buffer has it. */
    private Process startGateway() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.lintel.edge.EdgeMain",
                "--site", site().toString(), "--gateway", "gw-b1", "--print", "--data", data.toString(), "--metrics-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> {
            ObjectMapper json = new ObjectMapper();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode r = json.readTree(line);
                    if (r.get("point").asText().equals("energy.import.total") && r.get("quality").asText().equals("good")) {
                        String key = r.get("device").asText() + "@" + Instant.parse(r.get("sourceTime").asText()).toEpochMilli();
                        entered.add(key);
                        printedValues.put(key, new double[] {r.get("value").asDouble()});
                    }
                }
            } catch (Exception e) {
                // the process was killed: its stdout ends
            }
        }, "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    @BeforeEach
    void start() throws Exception {
        data = Files.createTempDirectory("uplink-crash");
        site = org.lintel.edge.TestSites.withFreePorts("sites/uplink-test.yaml", 37021, 37883);
        brokerPort = site.port(37883);
        startBroker();
        sim = Simulation.start(site(), SimulationOptions.defaults().withHttpPort(0).withSpeed(120)
                .withDataDir(Files.createTempDirectory("uplink-sim")));
        host = new TestHost("tcp://127.0.0.1:" + brokerPort, "lintel-hub");
        hosts.add(host);
    }

    @AfterEach
    void stop() throws Exception {
        for (TestHost h : hosts) {
            h.close();
        }
        sim.close();
        broker.destroyForcibly().waitFor();
    }

    private Map<String, Integer> received(Map<String, Double> values, Map<Long, String> aliases) {
        return TestHost.energyReadings(hosts, values, aliases);
    }

    @Test
    void killedDuringAnOutageAndDuringTheReplayTheGatewayLosesAndDuplicatesNothing() throws Exception {
        Process gw = startGateway();
        host.await(ms -> host.of("DDATA").size() >= 5, Duration.ofSeconds(60), "live data");
        broker.destroyForcibly().waitFor();                       // outage begins
        Thread.sleep(8000);
        gw.destroyForcibly().waitFor();                           // kill -9 during the outage
        gw = startGateway();
        Thread.sleep(8000);
        host.close();
        startBroker();                                            // outage ends
        host = new TestHost("tcp://127.0.0.1:" + brokerPort, "lintel-hub");
        hosts.add(host);
        host.await(ms -> ms.stream().anyMatch(m -> m.type().equals("DDATA")), Duration.ofSeconds(60), "the replay starting");
        gw.destroyForcibly().waitFor();                           // kill -9 during the replay
        List<TestHost.Message> beforeSecondKill = List.copyOf(host.messages);
        gw = startGateway();
        host.await(ms -> ms.stream().anyMatch(m -> m.type().equals("DDATA")
                && m.payload().getMetrics().stream().noneMatch(x -> Boolean.TRUE.equals(x.isHistorical()))
                && ms.indexOf(m) > beforeSecondKill.size()), Duration.ofSeconds(90), "live data after the replay");
        Thread.sleep(3000);
        gw.destroy();
        gw.waitFor();

        Map<String, Double> values = new HashMap<>();
        Map<String, Integer> count = received(values, new HashMap<>());
        assertTrue(entered.size() > 30, "the gateways printed what entered their buffers: " + entered.size());
        List<String> missing = entered.stream().filter(k -> !count.containsKey(k)).sorted().toList();
        assertEquals(List.of(), missing, "every reading that entered the buffer arrived (" + entered.size() + " entered)");
        // A reading in flight when the broker is killed may have reached the host already and is sent again by the
        // replay; if the second kill catches it in flight again, a third time. Seen once in CI: 3 arrivals.
        assertTrue(count.values().stream().allMatch(n -> n <= 3), "no reading arrives more than three times: " +
                count.entrySet().stream().filter(e -> e.getValue() > 3).limit(5).toList());
        assertTrue(hosts.get(1).of("DDATA").stream().anyMatch(m -> m.payload().getMetrics().stream().allMatch(x -> Boolean.TRUE.equals(x.isHistorical()))),
                "the replay is flagged historical");
        // values against the simulated meters: the register at the request instant or within 200 ms after it
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String device = e.getKey().substring(0, e.getKey().indexOf('@'));
            Instant t = Instant.ofEpochMilli(Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1)));
            SimDevice d = sim.device(device).orElseThrow();
            Point p = d.profile().point("energy.import.total").orElseThrow();
            float a = (float) d.register(p, sim.clock().at(t)).orElseThrow().doubleValue();
            float b = (float) d.register(p, sim.clock().at(t.plusMillis(200))).orElseThrow().doubleValue();
            float got = (float) e.getValue().doubleValue();
            assertTrue(got >= Math.min(a, b) && got <= Math.max(a, b), device + " at " + t + ": read " + got + ", the meter held " + a + ".." + b);
        }
        assertTrue(values.size() > 30, "enough readings were checked: " + values.size());
        System.out.printf("crash test: %d readings entered the buffers, %d distinct arrived, %d arrived twice%n",
                entered.size(), count.size(), count.values().stream().filter(n -> n == 2).count());
    }
}
