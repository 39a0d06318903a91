package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;

/** A meter's counter checked by the hub: flow that never pauses (kept across a restart), readings that go backwards, jumps. */
class CounterAlarmHubTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String POINT = "energy.import.total";
    Path data;
    String db;
    Hub hub;

    /** Each test has its own hub data folder and database; a restart within a test reuses them. */
    @org.junit.jupiter.api.BeforeEach
    void folders() throws Exception {
        data = TestFolders.passable("hub-counters");
        db = TestPostgres.newDatabaseUrl();
    }

    Hub start() throws Exception {
        return Hub.start(HubConfig.embedded(data, 0, TestFolders.freePort(), 0).withPostgres(db, TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("counters.yaml"))).withAdminToken("counter-admin"));
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    TestEdgeNode gateway(String device) throws Exception {
        TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "counters", "gw-c1", "gw-c1", "c1-secret");
        gw.nodeBirth();
        gw.deviceBirth(device, new LinkedHashMap<>(Map.of(POINT, "kWh")));
        return gw;
    }

    Optional<JsonNode> alarm(String device, String type) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                    + "/api/v1/sites/counters/alarms")).header("Authorization", "Bearer counter-admin").build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode n : JSON.readTree(r.body())) {
                if (n.get("device").asText().equals(device) && n.get("type").asText().equals(type)) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFlowThatBeganBeforeAHubRestartStillCountsAfterIt() throws Exception {
        Instant t0 = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        hub = start();
        try (TestEdgeNode gw = gateway("c1-0101-em")) {
            for (int i = 0; i <= 10; i++) { // ten seconds of flow, then the hub stops
                gw.data("c1-0101-em", false, new Object[] {POINT, t0.plusSeconds(i), 100 + i * 0.01});
            }
            Await.until("the readings stored", Duration.ofSeconds(10), () -> hub.store().latest("counters", "c1-0101-em").stream()
                    .anyMatch(p -> p.time().equals(t0.plusSeconds(10))));
        }
        hub.close();
        hub = start();
        try (TestEdgeNode gw = gateway("c1-0101-em")) {
            for (int i = 11; i <= 22; i++) {
                gw.data("c1-0101-em", false, new Object[] {POINT, t0.plusSeconds(i), 100 + i * 0.01});
            }
            Await.until("the continuous-flow alarm", Duration.ofSeconds(15), () -> alarm("c1-0101-em", "night-flow").isPresent());
        }
        assertEquals(t0.plusSeconds(20), Instant.parse(alarm("c1-0101-em", "night-flow").orElseThrow().get("activatedAt").asText()),
                "twenty seconds of flow counted from before the restart, not from it");
    }

    @Test
    void anOnDelayPendingWhenTheHubStopsCompletesAfterTheRestartWithoutFurtherReadings() throws Exception {
        Instant low = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        hub = start();
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "counters", "gw-c1", "gw-c1", "c1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("c1-f01-smoke", new LinkedHashMap<>(Map.of("battery.low", "")));
            gw.data("c1-f01-smoke", false, new Object[] {"battery.low", low, true});
            Await.until("the reading stored", Duration.ofSeconds(10), () -> !hub.store().latest("counters", "c1-f01-smoke").isEmpty());
        }
        hub.close();
        hub = start();
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "counters", "gw-c1", "gw-c1", "c1-secret")) {
            gw.nodeBirth(); // births only: the detector reports by exception and says nothing new
            gw.deviceBirth("c1-f01-smoke", new LinkedHashMap<>(Map.of("battery.low", "")));
            Await.until("the low-battery alarm", Duration.ofSeconds(40), () -> alarm("c1-f01-smoke", "low-battery").isPresent());
        }
        Instant activated = Instant.parse(alarm("c1-f01-smoke", "low-battery").orElseThrow().get("activatedAt").asText());
        assertTrue(!activated.isBefore(low.plusSeconds(20)), "not before the 20 s on-delay: " + activated);
    }

    @Test
    void aReadingLowerThanTheLastAndAnImplausibleJumpAreFlagged() throws Exception {
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        hub = start();
        try (TestEdgeNode gw = gateway("c1-0102-em")) {
            gw.data("c1-0102-em", false, new Object[] {POINT, t0, 5000.0});
            gw.data("c1-0102-em", false, new Object[] {POINT, t0.plusSeconds(60), 4990.0});
            Await.until("the negative-consumption alarm", Duration.ofSeconds(10), () -> alarm("c1-0102-em", "counter-decrease").isPresent());
            gw.data("c1-0102-em", false, new Object[] {POINT, t0.plusSeconds(120), 6990.0}); // 2000 kWh in a minute
            Await.until("the jump alarm", Duration.ofSeconds(10), () -> alarm("c1-0102-em", "counter-jump").isPresent());
        }
        assertEquals("minor", alarm("c1-0102-em", "counter-jump").orElseThrow().get("priority").asText());
        assertEquals("returned-unacknowledged", alarm("c1-0102-em", "counter-decrease").orElseThrow().get("state").asText(),
                "the next reading advanced normally, so the drop waits only for acknowledgement");
    }
}
