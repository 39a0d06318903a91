package org.lintel.hub.oncall;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.RecordingWebhook;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;

/**
 * On-call through a real hub: a fire in building b1 goes to the person the b1 roster has on call, whose message
 * carries a signed link; following it shows a confirmation page, and confirming acknowledges the alarm in that
 * person's name. The escalation's progress is kept in PostgreSQL.
 */
class OnCallHubTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Hub hub;
    /** Each person's webhook, at /{person}. */
    static RecordingWebhook people;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        people = new RecordingWebhook();
        Path escalation = Files.createTempFile("on-call", ".yaml");
        Files.writeString(escalation, Files.readString(Path.of("src/test/resources/escalation/on-call.yaml"))
                .replace("http://127.0.0.1:9", people.base()));
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-on-call"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(TestFolders.site("hub-test.yaml")))
                .withAdminToken("on-call-admin").withEscalation(escalation));
    }

    @AfterAll
    static void stop() {
        hub.close();
        people.close();
    }

    static List<JsonNode> to(String person) {
        return people.at("/" + person);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> confirm(String url, String note) throws Exception {
        URI u = URI.create(url);
        String form = u.getRawQuery() + "&note=" + URLEncoder.encode(note, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?')))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOnCallPersonAcknowledgesAFireWithTheSignedLinkInTheirMessage() throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-f02-smoke", new java.util.LinkedHashMap<>(Map.of("alarm.state", "")));
            gw.data("b1-f02-smoke", false, new Object[] {"alarm.state", Instant.now(), "fire"});
            Await.until("the fire at the on-call person", Duration.ofSeconds(15), () -> !to("zhang-wei").isEmpty());
        }
        JsonNode message = to("zhang-wei").get(0);
        long id = message.get("alarm").get("id").asLong();
        String link = message.get("acknowledgeUrl").asText();
        assertTrue(link.startsWith("http://localhost:" + hub.apiPort() + "/ack/" + id + "?by=zhang-wei&exp="), link);
        assertEquals(true, (Boolean) hub.registry().rows("select chasing from escalation where alarm_id = ?", id).get(0).get("chasing"),
                "the escalation's progress is stored");

        HttpResponse<String> page = get(link.replace("localhost", "127.0.0.1"));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method='post'>") && page.body().contains("确认 / Acknowledge"), page.body());
        assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, hub.alarms().find(id).state(), "opening the link (or a preview of it) acknowledges nothing");

        String forged = link.replace("by=zhang-wei", "by=wang-fang").replace("localhost", "127.0.0.1");
        assertEquals(403, confirm(forged, "not me").statusCode());

        HttpResponse<String> done = confirm(link.replace("localhost", "127.0.0.1"), "on my way / 马上到");
        assertEquals(200, done.statusCode(), done.body());
        Alarm acknowledged = hub.alarms().find(id);
        assertEquals(AlarmState.ACTIVE_ACKNOWLEDGED, acknowledged.state());
        assertEquals("link:zhang-wei", acknowledged.acknowledgedBy());
        Await.until("the acknowledgement reported to the person told", Duration.ofSeconds(10),
                () -> to("zhang-wei").stream().anyMatch(m -> m.get("transition").get("to").asText().equals("active-acknowledged")));
        assertEquals(false, (Boolean) hub.registry().rows("select chasing from escalation where alarm_id = ?", id).get(0).get("chasing"));
        assertTrue(to("wang-fang").isEmpty(), "the manager is not told of an alarm acknowledged in time");
        JsonNode trail = JSON.readTree(api("/api/v1/audit?action=POST%20/ack/:id").body());
        assertEquals(1, trail.size(), "the acknowledgement through the link is in the audit trail: " + trail);
        assertEquals("link:zhang-wei", trail.get(0).get("actor").asText());
        assertEquals("active-unacknowledged", trail.get(0).get("before").get("state").asText());
        assertEquals("active-acknowledged", trail.get(0).get("after").get("state").asText());
        assertEquals("on my way / 马上到", trail.get(0).get("request").get("note").asText());

        JsonNode kpis = JSON.readTree(api("/api/v1/sites/hub-test/alarm-kpis?group=building-1").body());
        assertEquals("building-1", kpis.get("group").asText());
        assertEquals(1, kpis.get("activations").asInt(), "the on-call group's load: the fire");
        HttpResponse<String> unknown = api("/api/v1/sites/hub-test/alarm-kpis?group=building-9");
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("no on-call group (escalation route) 'building-9'; groups: [building-1]"), unknown.body());
    }

    static HttpResponse<String> api(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer on-call-admin")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anExpiredOrAlteredLinkIsRefusedWithAPageThatSaysWhy() throws Exception {
        HttpResponse<String> r = get("http://127.0.0.1:" + hub.apiPort() + "/ack/1?by=zhang-wei&exp=1&sig=00");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("链接无效 / Invalid link"), r.body());
    }
}
