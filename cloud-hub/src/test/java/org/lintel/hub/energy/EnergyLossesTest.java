package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * Losses (线损) below a building's incomer over the API, from the site file's meter tree and counter readings sent
 * over Sparkplug like a gateway's, worked by hand.
 */
class EnergyLossesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static Hub hub;
    static String base;
    static String manager;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-energy"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken("energy-admin")
                .withAdminPassword("Energy-root-pass1"));
        base = "http://127.0.0.1:" + hub.apiPort();
        HttpResponse<String> site = send("POST", "/api/v1/sites?name=energy-test.yaml", "energy-admin", Files.readString(TestFolders.site("energy-test.yaml")));
        assertEquals(201, site.statusCode(), site.body());
        manager = JSON.readTree(send("POST", "/api/v1/tokens", "energy-admin", "{\"name\":\"物业经理 孙丽\",\"role\":\"manager\"}").body())
                .get("token").asText();
        // readings a minute before each local midnight that bounds November, as a gateway would have sent them
        Instant nov = LocalDate.of(2026, 11, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        Instant dec = LocalDate.of(2026, 12, 1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(60);
        Map<String, double[]> counters = new LinkedHashMap<>();
        counters.put("b1-main-em", new double[] {1000.00, 2030.50});
        counters.put("b1-0101-em", new double[] {5000.00, 5350.00});
        counters.put("b1-0102-em", new double[] {200.00, 350.00});
        counters.put("b1-0103-em", new double[] {7000.10, 7200.35});
        counters.put("b1-lifts-em", new double[] {12000.00, 12280.00});
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "energy-test", "gw-e1", "gw-e1", "e1-secret")) {
            gw.nodeBirth();
            for (Map.Entry<String, double[]> c : counters.entrySet()) {
                gw.deviceBirth(c.getKey(), new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
                gw.data(c.getKey(), true, new Object[] {"energy.import.total", nov, c.getValue()[0]}, new Object[] {"energy.import.total", dec, c.getValue()[1]});
            }
        }
        Await.until("November's readings stored", java.time.Duration.ofSeconds(20), () -> {
            try {
                return send("GET", "/api/v1/sites/energy-test/devices/b1-lifts-em/latest", "energy-admin", null).body().contains("12280");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theIncomersLossIsWhatItMeasuredMinusWhatItsSubMetersMeasured() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/sites/energy-test/energy/losses?from=2026-11-01&to=2026-12-01", manager, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode losses = JSON.readTree(r.body()).get("losses");
        assertEquals(1, losses.size(), "only the incomer has sub-meters; the pump room is on its own: " + losses);
        JsonNode b1 = losses.get(0);
        assertEquals("b1-main-em", b1.get("meter").asText());
        assertEquals("kWh", b1.get("unit").asText());
        // 2030.50 − 1000.00
        assertEquals("1030.500", b1.get("upstream").asText());
        // 350.00 + 150.00 + 200.25 + 280.00
        assertEquals("980.250", b1.get("subMeters").asText());
        assertEquals("50.250", b1.get("loss").asText());
        // 50.25 ÷ 1030.50 × 100 = 4.876…
        assertEquals("4.9", b1.get("percent").asText());
        assertEquals(false, b1.get("estimated").asBoolean());
        assertEquals("[\"b1-0101-em\",\"b1-0102-em\",\"b1-0103-em\",\"b1-lifts-em\"]", b1.get("subMeterIds").toString());
        assertEquals(0, b1.get("unread").size());
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/sites/energy-test/energy/losses?from=2026-12-01&to=2026-11-01", manager, null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("from"), r.body());
    }
}
