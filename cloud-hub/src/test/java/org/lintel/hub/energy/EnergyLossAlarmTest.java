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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The loss threshold alarm: energy-test.yaml's b1 incomer over three days of readings sent like a gateway's, its
 * loss judged per day, worked by hand (16.7 %, 5.0 %, 16.7 %), and a site rule that raises the threshold.
 */
class EnergyLossAlarmTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate FIRST = LocalDate.of(2026, 11, 10);
    static Hub hub;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-loss-alarm"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken("loss-admin")
                .withAdminPassword("Loss-root-pass1"));
        base = "http://127.0.0.1:" + hub.apiPort();
        HttpResponse<String> site = send("POST", "/api/v1/sites?name=energy-test.yaml", Files.readString(TestFolders.site("energy-test.yaml")));
        assertEquals(201, site.statusCode(), site.body());
        // the counters a minute before the four midnights that bound 10, 11 and 12 November
        Map<String, double[]> counters = new LinkedHashMap<>();
        counters.put("b1-main-em", new double[] {1000, 1120, 1220, 1340}); // +120, +100, +120
        counters.put("b1-0101-em", new double[] {5000, 5040, 5080, 5120}); // +40 each day
        counters.put("b1-0102-em", new double[] {200, 230, 255, 285}); // +30, +25, +30
        counters.put("b1-0103-em", new double[] {7000, 7020, 7040, 7060}); // +20 each day
        counters.put("b1-lifts-em", new double[] {12000, 12010, 12020, 12030}); // +10 each day
        counters.put("b2-main-em", new double[] {300, 310, 320, 330}); // its flat's meter never reports
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "energy-test", "gw-e1", "gw-e1", "e1-secret")) {
            gw.nodeBirth();
            for (Map.Entry<String, double[]> c : counters.entrySet()) {
                gw.deviceBirth(c.getKey(), new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
                List<Object[]> metrics = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    metrics.add(new Object[] {"energy.import.total", midnight(i).minusSeconds(60), c.getValue()[i]});
                }
                gw.data(c.getKey(), true, metrics.toArray(new Object[0][]));
            }
        }
        Await.until("the last readings stored", Duration.ofSeconds(20), () -> hub.store().latest("energy-test", "b2-main-em").stream()
                .anyMatch(p -> p.number() != null && p.number() == 330));
    }

    static Instant midnight(int day) {
        return FIRST.plusDays(day).atStartOfDay(SHANGHAI).toInstant();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer loss-admin")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<JsonNode> lossAlarms() throws Exception {
        hub.alarms().drain();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : JSON.readTree(send("GET", "/api/v1/sites/energy-test/alarms", null).body())) {
            if (a.get("type").asText().equals("loss-high")) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void aDayAboveTheThresholdRaisesTheAlarmTheNextDayUnderClearsItAndASiteRuleCanRaiseTheThreshold() throws Exception {
        // 10 Nov: 120 − (40 + 30 + 20 + 10) = 20 kWh, 20 ÷ 120 = 16.7 % > 10 %
        assertEquals(1, hub.lossWatch().judge("energy-test", FIRST, SHANGHAI), "b2's flat meter is unread, so only b1 is judged");
        List<JsonNode> raised = lossAlarms();
        assertEquals(1, raised.size(), raised.toString());
        JsonNode a = raised.get(0);
        assertEquals("b1-main-em", a.get("device").asText());
        assertEquals("minor", a.get("priority").asText().toLowerCase());
        assertTrue(a.toString().contains("16.7 % 2026-11-10 (120.000 − 100.000 kWh)"), a.toString());
        assertTrue(a.toString().contains("线损率过高"), a.toString());
        assertTrue(a.get("conditionActive").asBoolean(), a.toString());

        // 11 Nov: 100 − 95 = 5 kWh, 5.0 %: the condition returns to normal (the alarm waits for acknowledgement)
        hub.lossWatch().judge("energy-test", FIRST.plusDays(1), SHANGHAI);
        JsonNode cleared = lossAlarms().get(0);
        assertEquals(a.get("id").asLong(), cleared.get("id").asLong());
        assertTrue(!cleared.get("conditionActive").asBoolean(), cleared.toString());
        JsonNode ack = JSON.readTree(send("POST", "/api/v1/alarms/" + a.get("id").asLong() + "/acknowledge",
                "{\"note\":\"查过：楼道灯未计量\"}").body());
        assertTrue(ack.toString().contains("\"state\""), ack.toString());
        assertTrue(lossAlarms().stream().noneMatch(x -> x.get("conditionActive").asBoolean()));

        // the site raises b1's threshold to 20 %: 12 Nov's 16.7 % is then no alarm
        String site = Files.readString(TestFolders.site("energy-test.yaml"))
                + "alarmRules:\n  - {type: loss-high, match: {building: b1}, threshold: 20}\n";
        HttpResponse<String> imported = send("POST", "/api/v1/sites?name=energy-test.yaml", site);
        assertTrue(imported.statusCode() / 100 == 2, imported.body());
        hub.alarms().drain();
        hub.lossWatch().judge("energy-test", FIRST.plusDays(2), SHANGHAI);
        assertTrue(lossAlarms().stream().noneMatch(x -> x.get("conditionActive").asBoolean()), lossAlarms().toString());
    }
}
