import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Load harness for the simulators (run with the simulators jar on the class path, see simulator-scale.sh): polls every
 * Modbus device the way a gateway does — one thread per bus, one block read per device per cycle — and observes
 * every detector's alarm resource over CoAP, for a given time; then prints client-side counts and latencies and the
 * simulator's own /stats.
 *
 * usage: java -cp lintel-simulators.jar SimulatorScale.java <api-url> <seconds> <electricity-interval-s> <water-interval-s>
 */
public class SimulatorScale {

    static final ConcurrentHistogram MODBUS_US = new ConcurrentHistogram(60_000_000L, 3);
    static final LongAdder MODBUS_OK = new LongAdder();
    static final LongAdder MODBUS_ERR = new LongAdder();
    static final LongAdder SKIPPED_CYCLES = new LongAdder();
    static final LongAdder COAP_NOTIFICATIONS = new LongAdder();
    static final AtomicBoolean RUN = new AtomicBoolean(true);

    public static void main(String[] args) throws Exception {
        String api = args[0];
        int seconds = Integer.parseInt(args[1]);
        int emInterval = Integer.parseInt(args[2]);
        int wmInterval = Integer.parseInt(args[3]);
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        JsonNode devices = json.readTree(http.send(HttpRequest.newBuilder(URI.create(api + "/devices")).build(),
                HttpResponse.BodyHandlers.ofString()).body());

        // Group Modbus devices by bus (port); collect CoAP alarm resources.
        Map<Integer, List<JsonNode>> buses = new TreeMap<>();
        List<String> alarms = new ArrayList<>();
        int points = 0;
        Map<String, Integer> pointsPerProfile = Map.of("eastron-sdm120", 13, "eastron-sdm630", 24, "xintai-water-meter", 11,
                "qdy30a-level-transmitter", 5, "lintel-lift-monitor-opcua", 13, "lintel-smoke-detector-coap", 6);
        for (JsonNode d : devices) {
            points += pointsPerProfile.getOrDefault(d.get("profile").asText(), 0);
            JsonNode e = d.get("endpoint");
            if (d.get("protocol").asText().equals("modbus")) {
                buses.computeIfAbsent(e.get("port").asInt(), p -> new ArrayList<>()).add(d);
            } else if (d.get("protocol").asText().equals("coap") && !e.get("dtls").asBoolean()) {
                alarms.add(e.get("uri").asText() + "/alarm");
            }
        }
        System.out.printf("site: %d devices, %d points, %d Modbus buses, %d CoAP detectors%n", devices.size(), points, buses.size(), alarms.size());

        List<Thread> pollers = new ArrayList<>();
        for (Map.Entry<Integer, List<JsonNode>> bus : buses.entrySet()) {
            Thread t = new Thread(() -> pollBus(bus.getKey(), bus.getValue(), emInterval, wmInterval), "bus-" + bus.getKey());
            t.setDaemon(true);
            pollers.add(t);
            t.start();
        }
        CoapConfig.register();
        UdpConfig.register();
        List<CoapObserveRelation> relations = new ArrayList<>();
        List<CoapClient> clients = new ArrayList<>();
        for (String uri : alarms) {
            CoapClient c = new CoapClient(uri);
            clients.add(c);
            relations.add(c.observe(new CoapHandler() {
                public void onLoad(CoapResponse r) {
                    COAP_NOTIFICATIONS.increment();
                }

                public void onError() {
                }
            }));
        }
        long coapAtStart = COAP_NOTIFICATIONS.sum();
        Thread.sleep(seconds * 1000L);
        RUN.set(false);
        relations.forEach(CoapObserveRelation::proactiveCancel);
        clients.forEach(CoapClient::shutdown);
        System.out.printf("client: Modbus %d answered, %d failed, %.1f req/s; latency p50 %d us, p99 %d us, max %d us; skipped cycles %d%n",
                MODBUS_OK.sum(), MODBUS_ERR.sum(), MODBUS_OK.sum() / (double) seconds,
                MODBUS_US.getValueAtPercentile(50), MODBUS_US.getValueAtPercentile(99), MODBUS_US.getMaxValue(), SKIPPED_CYCLES.sum());
        System.out.printf("client: CoAP %d observe relations, %d notifications (%d after registration)%n",
                relations.size(), COAP_NOTIFICATIONS.sum(), COAP_NOTIFICATIONS.sum() - coapAtStart);
        System.out.println("simulator /stats: " + http.send(HttpRequest.newBuilder(URI.create(api + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body().replaceAll("\\s+", " "));
    }

    /** One gateway thread per bus: every device once per cycle, one block read each; a late cycle is skipped, not queued. */
    static void pollBus(int port, List<JsonNode> devices, int emInterval, int wmInterval) {
        boolean rtu = devices.get(0).get("endpoint").get("transport").asText().equals("modbus-rtu-over-tcp");
        long interval = (rtu ? wmInterval : emInterval) * 1000L;
        ModbusTCPMaster m = new ModbusTCPMaster("127.0.0.1", port, 3000, true, rtu);
        try {
            m.connect();
            long next = System.currentTimeMillis();
            while (RUN.get()) {
                for (JsonNode d : devices) {
                    if (!RUN.get()) {
                        break;
                    }
                    int unit = d.get("endpoint").get("unitId").asInt();
                    String profile = d.get("profile").asText();
                    long t0 = System.nanoTime();
                    try {
                        switch (profile) {
                            case "eastron-sdm120", "eastron-sdm630" -> m.readInputRegisters(unit, 0, 80);
                            case "xintai-water-meter" -> m.readMultipleRegisters(unit, 1, 28);
                            default -> m.readMultipleRegisters(unit, 2, 5);
                        }
                        MODBUS_OK.increment();
                        MODBUS_US.recordValue(Math.min(60_000_000L, (System.nanoTime() - t0) / 1000));
                    } catch (Exception e) {
                        MODBUS_ERR.increment();
                    }
                }
                next += interval;
                long now = System.currentTimeMillis();
                while (next < now) {
                    next += interval;
                    SKIPPED_CYCLES.increment();
                }
                Thread.sleep(Math.max(0, next - now));
            }
        } catch (Exception e) {
            System.err.println("bus " + port + ": " + e);
        } finally {
            m.disconnect();
        }
    }
}
