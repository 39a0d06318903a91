package org.lintel.hub.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.RecordingWebhook;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * Maintenance fed by telemetry, nothing faked: the simulator's lift over OPC UA → a real edge gateway → Sparkplug →
 * the hub's alarms → a work order, told to the technician on call through the escalation's webhooks. A trapped
 * passenger opens one immediate order with a 30-minute arrival deadline; trapping again while it is open adds an
 * occurrence; while the technician works on the lift, its fault is suppressed and raised once the order is closed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndMaintenanceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SITE = "e2e-garden";
    static final String LIFT = "b1-lift-1";
    static Hub hub;
    static Simulation sim;
    static GatewayRunner gateway;
    static RecordingWebhook people;
    static String technician;
    static String supervisor;
    static long order;

    @BeforeAll
    static void start() throws Exception {
        people = new RecordingWebhook();
        Path escalation = Files.createTempFile("maintenance-on-call", ".yaml");
        Files.writeString(escalation, Files.readString(Path.of("src/test/resources/escalation/maintenance-on-call.yaml")).replace("http://127.0.0.1:9", people.base()));
        Path siteFile = TestFolders.siteWithFreePorts("e2e.yaml", 39521, 39683, 39840);
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-maintenance-e2e"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(siteFile))
                .withAdminToken("maint-admin").withEscalation(escalation));
        technician = token("wang", "technician");
        supervisor = token("li", "supervisor");
        sim = Simulation.start(siteFile, SimulationOptions.defaults().withHttpPort(0).withDataDir(Files.createTempDirectory("lintel-maint-sim")));
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        Site site = loaded.orThrow();
        gateway = GatewayRunner.start(site, loaded.profiles(), siteFile, "gw-e2e", new GatewayRunner.Overrides(hub.brokerUrl(), null, null, null, 0),
                Files.createTempDirectory("lintel-maint-edge"), Duration.ofMinutes(15), null);
        Await.until("the lift's readings", Duration.ofSeconds(60), () -> hub.store().latest(SITE, LIFT).stream()
                .anyMatch(p -> p.point().equals("passenger.trapped") && p.isGood()));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
        hub.close();
        people.close();
    }

    static String token(String name, String role) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/tokens", "maint-admin", Map.of("name", name, "role", role, "sites", "*"));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    static HttpResponse<String> call(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, body);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    static HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String method, String path, String token, Object body) {
        HttpResponse<String> r = call(method, path, token, body);
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<JsonNode> orders(String alarmType) {
        JsonNode all = json("GET", "/api/v1/sites/" + SITE + "/maintenance/work-orders?equipment=" + LIFT, supervisor, null);
        return StreamSupport.stream(all.spliterator(), false).filter(o -> alarmType.equals(o.path("alarmType").asText())).toList();
    }

    static JsonNode openAlarm(String type) {
        for (JsonNode a : json("GET", "/api/v1/sites/" + SITE + "/alarms", supervisor, null)) {
            if (a.get("device").asText().equals(LIFT) && a.get("type").asText().equals(type)) {
                return a;
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void aTrappedPassengerOpensOneImmediateOrderThatReachesTheTechnicianOnCall() throws Exception {
        sim.scenarios().start("passenger-trapped", LIFT, Map.of());
        Await.until("a work order for the trapped passenger", Duration.ofSeconds(60), () -> orders("passenger-trapped").size() == 1);
        JsonNode o = orders("passenger-trapped").get(0);
        order = o.get("id").asLong();
        assertEquals("immediate", o.get("priority").asText());
        assertEquals("corrective", o.get("kind").asText());
        assertEquals("alarm", o.get("source").asText());
        assertEquals("b1", o.get("building").asText());
        assertEquals("电梯困人", o.get("titleZh").asText());
        assertEquals(Duration.ofMinutes(30), Duration.between(Instant.parse(o.get("openedAt").asText()), Instant.parse(o.get("respondBy").asText())),
                "arrival within 30 minutes");
        Await.until("the order's notice at the technician on call", Duration.ofSeconds(15), () -> people.at("/wang").stream()
                .anyMatch(m -> "work-order-opened".equals(m.path("notice").asText()) && m.path("workOrder").asLong() == order));
        JsonNode notice = people.at("/wang").stream().filter(m -> "work-order-opened".equals(m.path("notice").asText())).findFirst().orElseThrow();
        assertTrue(notice.get("text").asText().contains("请于") && notice.get("text").asText().contains("前到场"), notice.toString());
        assertTrue(people.at("/li").stream().noneMatch(m -> m.has("notice")), "the supervisor hears of it only if the deadline is missed");
    }

    @Test
    @Order(2)
    void trappingAgainWhileTheOrderIsOpenAddsAnOccurrenceNotAnOrder() throws Exception {
        JsonNode first = openAlarm("passenger-trapped");
        sim.scenarios().list().stream().filter(s -> s.device().equals(LIFT) && s.ended() == null).forEach(s -> sim.scenarios().stop(s.id()));
        Await.until("the passenger freed", Duration.ofSeconds(30), () -> hub.store().latest(SITE, LIFT).stream()
                .anyMatch(p -> p.point().equals("passenger.trapped") && p.number() != null && p.number() == 0));
        // the alarm latches: the operator acknowledges and resets it; the order stays open, as a person must close it
        json("POST", "/api/v1/alarms/" + first.get("id").asLong() + "/acknowledge", token("op", "operator"), Map.of("note", "rescued"));
        String op = token("op2", "operator");
        Await.until("the alarm reset", Duration.ofSeconds(20), () -> call("POST", "/api/v1/alarms/" + first.get("id").asLong() + "/reset", op,
                Map.of("note", "passenger out")).statusCode() == 200);
        assertEquals("open", json("GET", "/api/v1/sites/" + SITE + "/maintenance/work-orders/" + order, supervisor, null).get("state").asText(),
                "an order whose alarm cleared stays until a person closes it");
        sim.scenarios().start("passenger-trapped", LIFT, Map.of());
        Await.until("the second trapping counted on the order", Duration.ofSeconds(60), () -> json("GET", "/api/v1/sites/" + SITE
                + "/maintenance/work-orders/" + order, supervisor, null).get("occurrences").asInt() == 2);
        assertEquals(1, orders("passenger-trapped").size(), "still one order");
        JsonNode detail = json("GET", "/api/v1/sites/" + SITE + "/maintenance/work-orders/" + order, supervisor, null);
        assertEquals(2, detail.get("occurrenceList").size());
        assertTrue(detail.get("occurrenceList").get(0).get("alarmId").asLong() != detail.get("occurrenceList").get(1).get("alarmId").asLong(),
                "two alarms, one order: " + detail.get("occurrenceList"));
        sim.scenarios().list().stream().filter(s -> s.device().equals(LIFT) && s.ended() == null).forEach(s -> sim.scenarios().stop(s.id()));
    }

    @Test
    @Order(3)
    void aLiftFaultWhileTheTechnicianWorksIsSuppressedAndRaisedWhenTheOrderCloses() throws Exception {
        String path = "/api/v1/sites/" + SITE + "/maintenance/work-orders/" + order;
        json("POST", path + "/assign", supervisor, Map.of("assignee", "wang"));
        json("POST", path + "/start", technician, Map.of());
        sim.scenarios().start("lift-fault", LIFT, Map.of("code", "door-closing-fault"));
        Await.until("the fault reported by the lift", Duration.ofSeconds(30), () -> hub.store().latest(SITE, LIFT).stream()
                .anyMatch(p -> p.point().equals("fault.active") && p.number() != null && p.number() == 1));
        Instant seen = Instant.now();
        // the rule's on-delay is 5 s: twice that, and no alarm
        Await.until("ten seconds", Duration.ofSeconds(12), () -> Instant.now().isAfter(seen.plusSeconds(10)));
        hub.drainWorkOrders();
        assertEquals(null, openAlarm("lift-fault"), "suppressed: the lift is in maintenance mode under the order");
        json("POST", path + "/done", technician, Map.of("labourMinutes", 40));
        JsonNode closed = json("POST", path + "/verify", supervisor, Map.of("accepted", true, "note", "检查通过"));
        assertEquals("closed", closed.get("state").asText());
        Await.until("the still-present fault raised once the order is closed", Duration.ofSeconds(20), () -> openAlarm("lift-fault") != null);
        Await.until("the fault's own work order", Duration.ofSeconds(20), () -> orders("lift-fault").size() == 1);
        JsonNode history = json("GET", "/api/v1/alarms/" + orders("passenger-trapped").get(0).path("alarmId").asLong(), supervisor, null).get("transitions");
        assertTrue(history.toString().contains("工单 " + order + " 已关闭"), "closing the order is recorded on its alarm: " + history);
        sim.scenarios().list().stream().filter(s -> s.device().equals(LIFT) && s.ended() == null).forEach(s -> sim.scenarios().stop(s.id()));
    }
}
