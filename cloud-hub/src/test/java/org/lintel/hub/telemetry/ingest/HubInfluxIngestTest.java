package org.lintel.hub.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/** The same ingest path into a real InfluxDB 1.6, including an InfluxDB outage in the middle of a stream. */
class HubInfluxIngestTest {

    static final String E = "energy.import.total";
    static InfluxServer influx;
    static Hub hub;

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start();
        // a retention policy of 1,000 days, as an operator might keep: InfluxDB itself refuses anything older
        java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(influx.url() + "/query?q=" + java.net.URLEncoder.encode("CREATE DATABASE lintel WITH DURATION 1000d",
                        java.nio.charset.StandardCharsets.UTF_8))).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-influx"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("hub-test.yaml"))).withAdminToken("x")
                .withInflux(influx.url(), "lintel").withMaxReadingAge(Duration.ofDays(3650)));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        influx.close();
    }

    static List<StoredPoint> history(Instant from) {
        return hub.store().history("hub-test", "b1-0101-em", E, from, from.plus(Duration.ofDays(1)), 10_000);
    }

    @Test
    void readingsAreStoredInInfluxDbOnceEvenWhenDeliveredTwice() throws Exception {
        Instant t = Instant.parse("2026-11-12T00:00:00Z");
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            Object[][] v = {{E, t, 10.0}, {E, t.plusSeconds(60), 10.5}};
            gw.data("b1-0101-em", false, v);
            gw.data("b1-0101-em", false, v);
            gw.data("b1-0101-em", false, new Object[] {E, t.plusSeconds(120), 11.0});
            Await.until("3 points in InfluxDB", Duration.ofSeconds(10), () -> history(t).size() == 3);
        }
        assertEquals("influxdb", hub.store().kind());
        assertEquals("b1", history(t).get(0).building());
    }

    @Test
    void whileInfluxDbIsDownNothingIsAcknowledgedOrLostAndEverythingArrivesWhenItIsBack() throws Exception {
        Instant t = Instant.parse("2026-11-13T00:00:00Z");
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            gw.data("b1-0101-em", false, new Object[] {E, t, 1.0});
            Await.until("the first point", Duration.ofSeconds(10), () -> history(t).size() == 1);
            influx.stop();
            long failuresBefore = storeFailures();
            gw.awaitAcks = false;
            for (int i = 1; i <= 20; i++) {
                gw.data("b1-0101-em", false, new Object[] {E, t.plusSeconds(60L * i), 1.0 + i});
            }
            Await.until("the hub to notice the outage", Duration.ofSeconds(20), () -> storeFailures() > failuresBefore);
            assertTrue(gw.pending.stream().noneMatch(IMqttDeliveryToken::isComplete), "nothing acknowledged while nothing can be stored");
            influx.restart();
            Await.until("all 21 points after InfluxDB is back", Duration.ofSeconds(30), () -> history(t).size() == 21);
            Await.until("every publication acknowledged", Duration.ofSeconds(10), () -> gw.pending.stream().allMatch(IMqttDeliveryToken::isComplete));
        }
        assertTrue(history(t).stream().allMatch(StoredPoint::isGood));
    }

    static long storeFailures() {
        String m = hub.metrics().prometheus();
        return m.lines().filter(l -> l.startsWith("lintel_hub_store_failures_total ")).mapToLong(l -> Long.parseLong(l.split(" ")[1])).findFirst().orElse(0);
    }

    @Test
    void aMessageInfluxDbRefusesIsRejectedAloneAndTheMessagesAroundItAreStored() throws Exception {
        Instant t = Instant.parse("2026-11-14T00:00:00Z");
        long unstorable = hub.metrics().rejectedCount("unstorable");
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.awaitAcks = false; // all in one go, so that they share a batch
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            gw.data("b1-0101-em", false, new Object[] {E, t, 1.0});
            gw.data("b1-0101-em", false, new Object[] {E, Instant.parse("2021-01-01T00:00:00Z"), 0.5}); // beyond the retention policy
            gw.data("b1-0101-em", false, new Object[] {E, t.plusSeconds(60), 2.0});
            long sent = gw.pending.size();
            Await.until("every message acknowledged, the refused one too", Duration.ofSeconds(20), () -> gw.acknowledged.get() == sent);
        }
        assertEquals(List.of(1.0, 2.0), history(t).stream().map(StoredPoint::number).toList());
        assertEquals(unstorable + 1, hub.metrics().rejectedCount("unstorable"));
    }
}
