package org.lintel.hub.telemetry.manual;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/** A reading round imported as CSV on a real hub: stored, billed from, never replacing a different stored reading. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManualReadingsApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Hub hub;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-manual-readings"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken("readings-admin")
                .withSites(java.util.List.of(TestFolders.site("hub-test.yaml"))));
        base = "http://127.0.0.1:" + hub.apiPort();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> post(String name, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sites/hub-test/meter-readings?name=" + name))
                .header("Authorization", "Bearer readings-admin").header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String fixture(String name) throws Exception {
        return Files.readString(Path.of(ManualReadingsApiTest.class.getResource("/readings/" + name).toURI()));
    }

    @Test
    @Order(1)
    void aReadingRoundIsStoredAndUsageIsComputedFromIt() throws Exception {
        HttpResponse<String> r = post("round-2026-11.csv", fixture("round-2026-11.csv"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(5, JSON.readTree(r.body()).get("stored").asInt());
        JsonNode usage = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sites/hub-test/consumption?target=b1-0101"
                + "&point=energy.import.total&from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00")).header("Authorization", "Bearer readings-admin")
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("350.500", usage.get("usage").asText(), usage.toString());
        assertEquals(false, usage.get("estimated").asBoolean(), "readings at the boundaries are measured");
    }

    @Test
    @Order(2)
    void importingTheSameRoundAgainStoresNothingNew() throws Exception {
        HttpResponse<String> r = post("round-2026-11.csv", fixture("round-2026-11.csv"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(0, JSON.readTree(r.body()).get("stored").asInt());
        assertEquals(5, JSON.readTree(r.body()).get("alreadyStored").asInt());
    }

    @Test
    @Order(3)
    void aDifferentReadingAtAStoredTimeRefusesTheWholeFileAndChangesNothing() throws Exception {
        String text = "device,point,time,value\nb1-0102-em,energy.import.total,2026-11-20T00:00,600\nb1-0101-em,energy.import.total,2026-11-15T00:00,1200\n";
        HttpResponse<String> r = post("corrected.csv", text);
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("b1-0101-em energy.import.total at 2026-11-14T16:00:00Z is stored as 1180.25; a different reading (1200.0) does not replace it"),
                r.body());
        assertEquals(0, hub.store().history("hub-test", "b1-0102-em", "energy.import.total", java.time.Instant.parse("2026-11-19T16:00:00Z"),
                java.time.Instant.parse("2026-11-19T16:00:00.001Z"), 10).size(), "the good line of a refused file is not stored either");
    }

    @Test
    @Order(4)
    void everyMistakeIsNamedAtItsLineAndFieldWithWhatWouldBeRight() throws Exception {
        HttpResponse<String> r = post("mistakes.csv", fixture("mistakes.csv"));
        assertEquals(422, r.statusCode(), r.body());
        String body = r.body();
        for (String expected : new String[] {
                "mistakes.csv:3: device: no device 'b9-9999-em' in site hub-test",
                "mistakes.csv:4: point: 'voltage' is not a counter of b1-0101-em",
                "mistakes.csv:5: time: '1 Nov 2026' is not a time such as 2026-11-01T00:00",
                "mistakes.csv:6: expected 4 fields device,point,time,value; found 5",
                "mistakes.csv:7: value: -5 is not a counter's reading",
                "mistakes.csv:8: value: 'lots' is not a number such as 1234.56",
                "mistakes.csv:9: time: 2099-01-01T00:00 is in the future"}) {
            assertTrue(body.contains(expected), expected + " in " + body);
        }
        assertEquals(422, post("header.csv", "meter,reading\nb1-0101-em,1\n").statusCode());
        assertEquals(422, post("empty.csv", "device,point,time,value\n").statusCode());
    }
}
