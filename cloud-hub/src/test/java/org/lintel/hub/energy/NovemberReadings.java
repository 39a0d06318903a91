package org.lintel.hub.energy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lintel.hub.Await;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.app.Hub;

/** The energy tests' counter readings: what energy-test.yaml's meters said at the two midnights that bound November. */
public final class NovemberReadings {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private NovemberReadings() {
    }

    /**
     * November's counter readings of energy-test.yaml, a minute before each local midnight that bounds the month, as a
     * gateway would have sent them, and waits until they are stored. b2-0101-em sends nothing.
     */
    public static void send(Hub hub, String adminToken) throws Exception {
        Instant nov = LocalDate.of(2026, 11, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        Instant dec = LocalDate.of(2026, 12, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        Map<String, double[]> counters = new LinkedHashMap<>();
        counters.put("b1-main-em", new double[] {1000.00, 2030.50});
        counters.put("b1-0101-em", new double[] {5000.00, 5350.00});
        counters.put("b1-0102-em", new double[] {200.00, 350.00});
        counters.put("b1-0103-em", new double[] {7000.10, 7200.35});
        counters.put("b1-lifts-em", new double[] {12000.00, 12280.00});
        counters.put("b2-main-em", new double[] {300.00, 420.00});
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "energy-test", "gw-e1", "gw-e1", "e1-secret")) {
            gw.nodeBirth();
            for (Map.Entry<String, double[]> c : counters.entrySet()) {
                gw.deviceBirth(c.getKey(), new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
                gw.data(c.getKey(), true, new Object[] {"energy.import.total", nov, c.getValue()[0]}, new Object[] {"energy.import.total", dec, c.getValue()[1]});
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        Await.until("November's readings stored", java.time.Duration.ofSeconds(20), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/energy-test/devices/b2-main-em/latest"))
                        .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString()).body().contains("420");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
