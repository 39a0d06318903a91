package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.lintel.profile.Point;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Behaviours;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * A usage plan on a lift's trip counter, fed by the simulator's lift model over Sparkplug: the counter is preset 60
 * trips below its uint32 limit (as the simulator's rollover scenario does), so it wraps a few hours into the two days
 * sent. The plan (every 100 trips from the start) must open its order with the reading at which the model's trips since
 * the start first reach 100, not one reading earlier; after the order is signed off, the next comes at 200.
 */
class UsagePlanRolloverTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SITE = "e2e-garden";
    static final String LIFT = "b1-lift-1";
    static final BigDecimal LIMIT = new BigDecimal("4294967296");
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(2));
    static final Duration STEP = Duration.ofMinutes(10);
    static Hub hub;
    static Behaviour lift;
    static Point trips;
    static BigDecimal offset;
    static String engineer;
    static String technician;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-usage-plan"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(TestFolders.site("e2e.yaml")))
                .withAdminToken("usage-admin"));
        SiteLoader.Loaded loaded = SiteLoader.load(TestFolders.site("e2e.yaml"));
        Site site = loaded.orThrow();
        lift = Behaviours.of(site, id -> loaded.profiles().find(id).orElseThrow(), 11, START.minus(Duration.ofHours(1))).get(LIFT);
        trips = loaded.profiles().find("lintel-lift-monitor-opcua").orElseThrow().point("trip.count").orElseThrow();
        offset = LIMIT.subtract(new BigDecimal("60")).subtract(truth(START));
        engineer = token("engineer-zhou", "engineer");
        technician = token("wang", "technician");
        JsonNode plan = json("PUT", "/api/v1/sites/" + SITE + "/maintenance/plans/lift-trips", engineer, Map.of("equipment", LIFT,
                "name", Map.of("zh", "曳引机按运行次数检查", "en", "Traction machine check by trips"),
                "usage", Map.of("point", "trip.count", "every", 100, "mode", "fixed", "from", START.toString())));
        assertEquals("fixed", plan.get("usage").get("mode").asText());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static BigDecimal truth(Instant t) {
        return lift.trueTotal(trips, t).orElseThrow();
    }

    /** What the lift's register shows: the true count moved by the preset, wrapping at 2^32. */
    static BigDecimal register(Instant t) {
        return truth(t).add(offset).remainder(LIMIT);
    }

    static BigDecimal counted(Instant t) {
        return truth(t).subtract(truth(START));
    }

    static String token(String name, String role) throws Exception {
        return json("POST", "/api/v1/tokens", "usage-admin", Map.of("name", name, "role", role, "sites", "*")).get("token").asText();
    }

    static JsonNode json(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static void send(Instant from, Instant to) throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), SITE, "gw-e2e", "gw-e2e", "e2e-secret")) {
            gw.nodeBirth();
            gw.deviceBirth(LIFT, new LinkedHashMap<>(Map.of("trip.count", "count")));
            List<Object[]> batch = new ArrayList<>();
            for (Instant t = from; !t.isAfter(to); t = t.plus(STEP)) {
                batch.add(new Object[] {"trip.count", t, register(t).doubleValue()});
            }
            gw.data(LIFT, true, batch.toArray(Object[][]::new));
        }
    }

    static List<JsonNode> orders() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        json("GET", "/api/v1/sites/" + SITE + "/maintenance/work-orders?plan=lift-trips", engineer, null).forEach(out::add);
        return out;
    }

    /** The first reading instant at which the model has counted at least {@code n} trips since the start. */
    static Instant reaching(int n) {
        for (Instant t = START; ; t = t.plus(STEP)) {
            if (counted(t).compareTo(BigDecimal.valueOf(n)) >= 0) {
                return t;
            }
        }
    }

    @Test
    void theOrderComesAtTheReadingThatReachesTheMarkAcrossTheRollover() throws Exception {
        Instant wrap = START;
        while (register(wrap.plus(STEP)).compareTo(register(wrap)) >= 0) {
            wrap = wrap.plus(STEP);
        }
        Instant at100 = reaching(100);
        assertTrue(wrap.isBefore(at100), "the counter wraps (after " + wrap + ") before the mark (" + at100 + ")");
        assertTrue(reaching(200).isBefore(START.plus(Duration.ofDays(2))), "two days give two marks");

        send(START, at100.minus(STEP));
        assertEquals(0, hub.planScheduler().pass(), counted(at100.minus(STEP)) + " trips counted one reading before the mark: no order");
        assertEquals(List.of(), orders());

        send(at100, at100);
        Await.until("the order at 100 trips, from the reading itself", Duration.ofSeconds(20), () -> {
            try {
                return orders().size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode first = orders().get(0);
        assertEquals(0, new BigDecimal("100").compareTo(new BigDecimal(first.get("usageDue").asText())), first.toString() + " counted " + counted(at100) + " wrap " + wrap);
        assertEquals("plan", first.get("source").asText());
        assertTrue(first.get("titleZh").asText().contains("trip.count 达 100"), first.get("titleZh").asText());

        // one order at a time: the counter passes 200 while it is open
        Instant at200 = reaching(200);
        send(at100.plus(STEP), at200.plus(STEP));
        hub.planScheduler().drain();
        assertEquals(0, hub.planScheduler().pass());
        assertEquals(1, orders().size());

        String path = "/api/v1/sites/" + SITE + "/maintenance/work-orders/" + first.get("id").asLong();
        json("POST", path + "/grab", technician, Map.of());
        json("POST", path + "/start", technician, Map.of());
        json("POST", path + "/done", technician, Map.of("labourMinutes", 50));
        assertEquals(1, hub.planScheduler().pass(), "signed off: the mark passed meanwhile gives the next order at once");
        JsonNode second = orders().stream().filter(o -> o.get("id").asLong() != first.get("id").asLong()).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("200").compareTo(new BigDecimal(second.get("usageDue").asText())), second.toString());
        assertEquals(2, second.get("planVisit").asInt());
    }
}
