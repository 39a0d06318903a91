package org.lintel.hub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;

/** The REST API over HTTP on loopback: import, roles, readings, status and metered usage. */
class HubApiTest {

    static final String E = "energy.import.total";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Hub hub;
    static String base;
    static String databaseUrl;

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = TestPostgres.newDatabaseUrl();
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-api"), 0, TestFolders.freePort(), 0)
                .withPostgres(databaseUrl, TestPostgres.USER, TestPostgres.password()).withAdminToken("api-admin")
                .withStaleAfter(Duration.ofMinutes(15)));
        base = "http://127.0.0.1:" + hub.apiPort();
        HttpResponse<String> r = send("POST", "/api/v1/sites?name=hub-test.yaml", "api-admin", Files.readString(TestFolders.site("hub-test.yaml")));
        assertEquals(201, r.statusCode(), r.body());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = send("GET", path, token, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static String token(String role) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tokens", "api-admin", "{\"name\":\"" + role + " test\",\"role\":\"" + role + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    @Test
    void anInvalidSiteFileIsRejectedWithEveryProblemByLineAndNothingImported() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/sites?name=invalid-upload.yaml", "api-admin",
                Files.readString(TestFolders.site("invalid-upload.yaml")));
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
        JsonNode p = JSON.readTree(r.body());
        List<String> texts = new java.util.ArrayList<>();
        p.get("errors").forEach(e -> texts.add(e.get("text").asText()));
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("invalid-upload.yaml:16:") && t.contains("eastron-sdm12O") && t.contains("eastron-sdm120")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("invalid-upload.yaml:17:") && t.contains("b1-0199")), texts.toString());
        assertEquals(404, send("GET", "/api/v1/sites/broken-site", "api-admin", null).statusCode());
    }

    @Test
    void aSiteCanBeImportedAsJsonWithAnEngineersToken() throws Exception {
        String yaml = Files.readString(TestFolders.site("hub-test.yaml")).replace("id: hub-test", "id: json-site");
        Object clash = new org.yaml.snakeyaml.Yaml().load(yaml);
        HttpResponse<String> refused = send("POST", "/api/v1/sites?name=json-site.json", token("engineer"), JSON.writeValueAsString(clash));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("MQTT user 'gw-b1' already belongs to gateway gw-b1 of site hub-test"), refused.body());
        Object tree = new org.yaml.snakeyaml.Yaml().load(yaml.replace("username: gw-b", "username: json-gw-b"));
        HttpResponse<String> r = send("POST", "/api/v1/sites?name=json-site.json", token("engineer"), JSON.writeValueAsString(tree));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(7, JSON.readTree(r.body()).get("result").get("devices").asInt());
        assertEquals(3, get("/api/v1/sites/json-site/units", "api-admin").size());
    }

    @Test
    void everyEndpointNeedsATokenAndARoleThatMayUseIt() throws Exception {
        assertEquals(401, send("GET", "/api/v1/sites", null, null).statusCode());
        assertEquals(401, send("GET", "/api/v1/sites", "made-up", null).statusCode());
        String readOnly = token("read-only");
        assertEquals(200, send("GET", "/api/v1/sites/hub-test/devices", readOnly, null).statusCode());
        HttpResponse<String> denied = send("POST", "/api/v1/sites", readOnly, "site: {}");
        assertEquals(403, denied.statusCode());
        assertTrue(JSON.readTree(denied.body()).get("detail").asText().contains("role 'read-only' may not POST"), denied.body());
        assertEquals(403, send("GET", "/api/v1/sites/hub-test/consumption?target=b1-0101&point=" + E + "&from=2026-11-01&to=2026-11-02",
                readOnly, null).statusCode());
        assertEquals(403, send("POST", "/api/v1/tokens", token("engineer"), "{\"name\":\"x\",\"role\":\"admin\"}").statusCode());
    }

    @Test
    void theMosquittoAclComesFromTheRegistryForAdminsOnly() throws Exception {
        // the site was imported over the API, so no site file on the hub's command line knows it
        HttpResponse<String> r = send("GET", "/api/v1/mosquitto-acl?consumers=2", "api-admin", null);
        assertEquals(200, r.statusCode(), r.body());
        String fromFile = org.lintel.hub.telemetry.broker.MosquittoAcl.of(List.of(org.lintel.site.SiteLoader.load(TestFolders.site("hub-test.yaml")).orThrow()),
                "lintel-hub", 2);
        assertEquals(fromFile.substring(fromFile.indexOf('\n')), r.body().substring(r.body().indexOf('\n')), "the same rules as from the file");
        assertTrue(r.body().contains("user lintel-hub-1\ntopic readwrite spBv1.0/#"), r.body());
        assertTrue(r.body().contains("user gw-b2\ntopic write spBv1.0/hub-test/NBIRTH/gw-b2"), r.body());
        assertEquals(403, send("GET", "/api/v1/mosquitto-acl", token("engineer"), null).statusCode());
        HttpResponse<String> injected = send("GET", "/api/v1/mosquitto-acl?user=x%0Atopic%20readwrite%20%23", "api-admin", null);
        assertEquals(400, injected.statusCode());
        assertTrue(injected.body().contains("\"user\""), injected.body());
    }

    @Test
    void theSiteFileIsExportedAsImportedButWithoutPasswordsAndTheExportCanBeImportedAgain() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/sites/hub-test", "api-admin", null);
        assertEquals(200, r.statusCode());
        String file = Files.readString(TestFolders.site("hub-test.yaml"));
        assertEquals(file.replace("\"${HUB_TEST_GW_B1_PASSWORD:-b1-secret}\"", "\"[redacted]\"").replace("password: b2-secret", "password: \"[redacted]\""),
                r.body(), "the same file, comments and layout kept, passwords replaced");
        assertFalse(r.body().contains("b1-secret") || r.body().contains("b2-secret"), r.body());
        String json = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sites/hub-test"))
                .header("Authorization", "Bearer api-admin").header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals("hub-test", JSON.readTree(json).get("site").get("id").asText());
        assertFalse(json.contains("b1-secret") || json.contains("b2-secret"), json);
        // the export imported again keeps the passwords the hub knew: the gateway still logs in
        HttpResponse<String> again = send("POST", "/api/v1/sites?name=hub-test.yaml", "api-admin", r.body());
        assertEquals(201, again.statusCode(), again.body());
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
        }
    }

    @Test
    void aGatewayPasswordReferringToAnUnsetVariableWithoutDefaultIsRefused() throws Exception {
        String yaml = Files.readString(TestFolders.site("hub-test.yaml")).replace("id: hub-test", "id: unset-var-site")
                .replace("username: gw-b", "username: unset-gw-b").replace("password: b2-secret", "password: \"${LINTEL_TEST_SURELY_UNSET}\"");
        HttpResponse<String> r = send("POST", "/api/v1/sites?name=unset.yaml", "api-admin", yaml);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("gateway gw-b2: field 'uplink.password' refers to [${LINTEL_TEST_SURELY_UNSET}]"), r.body());
        assertEquals(404, send("GET", "/api/v1/sites/unset-var-site", "api-admin", null).statusCode(), "nothing imported");
    }

    @Test
    void latestHistoryAndDownsampledHistoryComeFromTheStore() throws Exception {
        Instant t = Instant.parse("2026-11-10T00:00:00Z");
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0102-em", new LinkedHashMap<>(Map.of("power.active", "kW")));
            for (int i = 0; i < 12; i++) {
                gw.data("b1-0102-em", false, new Object[] {"power.active", t.plusSeconds(i * 10L), 100.0 + i});
            }
        }
        Await.until("12 power readings", Duration.ofSeconds(10), () -> hub.store().history("hub-test", "b1-0102-em", "power.active",
                t, t.plusSeconds(120), 100).size() == 12);
        JsonNode raw = get("/api/v1/sites/hub-test/devices/b1-0102-em/points/power.active/history?from=2026-11-10T00:00:00Z&to=2026-11-10T00:02:00Z", "api-admin");
        assertEquals(12, raw.get("points").size());
        assertEquals(100.0, raw.get("points").get(0).get("number").asDouble());
        JsonNode down = get("/api/v1/sites/hub-test/devices/b1-0102-em/points/power.active/history?from=2026-11-10T08:00&to=2026-11-10T08:02&bucket=1m",
                "api-admin"); // local time in Asia/Shanghai
        assertEquals(2, down.get("buckets").size());
        JsonNode first = down.get("buckets").get(0);
        assertEquals(100.0, first.get("min").asDouble());
        assertEquals(105.0, first.get("max").asDouble());
        assertEquals(102.5, first.get("mean").asDouble());
        assertEquals(105.0, first.get("last").asDouble());
        assertEquals(6, first.get("count").asInt());
        JsonNode latest = get("/api/v1/sites/hub-test/devices/b1-0102-em/latest", "api-admin");
        assertEquals(111.0, latest.get(0).get("number").asDouble());
        HttpResponse<String> bad = send("GET", "/api/v1/sites/hub-test/devices/b1-0102-em/points/power.active/history?bucket=soon", "api-admin", null);
        assertEquals(400, bad.statusCode());
        assertEquals("bucket", JSON.readTree(bad.body()).get("errors").get(0).get("field").asText());
    }

    @Test
    void birthAndDeathShowInGatewayAndDeviceStatus() throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-spare-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            Await.until("the spare meter online", Duration.ofSeconds(10), () -> status("/api/v1/sites/hub-test/devices?gateway=gw-b2").equals("online"));
            assertEquals("online", status("/api/v1/sites/hub-test/gateways"));
            gw.nodeDeath();
            Await.until("the spare meter offline", Duration.ofSeconds(10), () -> status("/api/v1/sites/hub-test/devices?gateway=gw-b2").equals("offline"));
        }
    }

    static String status(String path) {
        try {
            JsonNode list = get(path, "api-admin");
            for (JsonNode n : list) {
                if (n.get("id").asText().equals("b1-spare-em") || n.get("id").asText().equals("gw-b2")) {
                    return n.get("status").asText();
                }
            }
            return "absent";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void consumptionOfAUnitSpansAMeterReplacementRecordedThroughTheApi() throws Exception {
        // unit b1-0101: its meter read 500.00 on 1 Nov and 560.00 when replaced on 15 Nov (final 560.40 recorded);
        // the spare meter starts at 0.10 and reads 30.10 on 1 Dec (Shanghai)
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret");
             TestEdgeNode gw2 = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            gw.data("b1-0101-em", true, new Object[] {E, Instant.parse("2026-10-31T15:55:00Z"), 500.00},
                    new Object[] {E, Instant.parse("2026-11-15T01:00:00Z"), 560.00});
            gw2.nodeBirth();
            gw2.deviceBirth("b1-spare-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            gw2.data("b1-spare-em", true, new Object[] {E, Instant.parse("2026-11-15T03:00:00Z"), 0.30},
                    new Object[] {E, Instant.parse("2026-11-30T15:59:00Z"), 30.10});
        }
        Await.until("the readings", Duration.ofSeconds(10), () -> hub.store().latest("hub-test", "b1-spare-em").stream()
                .anyMatch(p -> p.number() != null && p.number() == 30.10));
        HttpResponse<String> swap = send("POST", "/api/v1/sites/hub-test/meter-replacements", token("billing"),
                "{\"oldDevice\":\"b1-0101-em\",\"newDevice\":\"b1-spare-em\",\"at\":\"2026-11-15T10:00\",\"finalReading\":\"560.40\","
                        + "\"initialReading\":\"0.10\",\"note\":\"display failed\"}");
        assertEquals(200, swap.statusCode(), swap.body());
        JsonNode c = get("/api/v1/sites/hub-test/consumption?target=b1-0101&point=" + E + "&from=2026-11-01&to=2026-12-01", token("billing"));
        assertEquals("90.400", c.get("usage").asText(), c.toString()); // (560.40 − 500.00) + (30.10 − 0.10)
        assertEquals(false, c.get("estimated").asBoolean());
        assertEquals(2, c.get("segments").size());
        assertEquals("kWh", c.get("unit").asText());
        HttpResponse<String> notCounter = send("GET", "/api/v1/sites/hub-test/consumption?target=b1-0101&point=power.active&from=2026-11-01&to=2026-12-01",
                "api-admin", null);
        assertEquals(400, notCounter.statusCode(), notCounter.body());
    }

    @Test
    void aMeterReplacedInPlaceKeepsItsDeviceIdAndTheUsageSpansBothMeters() throws Exception {
        // unit b1-0102: the meter read 700.00 on 1 October and 760.00 on the 15th at 09:00; a new meter was fitted at the
        // same address at 10:00 (old final 760.50, new initial 0.00), which reads 0.20 at 11:00 and 45.00 on 1 November
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0102-em", new LinkedHashMap<>(Map.of(E, "kWh")));
            gw.data("b1-0102-em", true, new Object[] {E, Instant.parse("2026-09-30T15:55:00Z"), 700.00},
                    new Object[] {E, Instant.parse("2026-10-15T01:00:00Z"), 760.00}, new Object[] {E, Instant.parse("2026-10-15T03:00:00Z"), 0.20},
                    new Object[] {E, Instant.parse("2026-10-31T15:59:00Z"), 45.00});
        }
        Await.until("the readings", Duration.ofSeconds(10), () -> hub.store().history("hub-test", "b1-0102-em", E, Instant.parse("2026-10-31T15:00:00Z"),
                Instant.parse("2026-10-31T16:00:00Z"), 10).size() == 1);
        String url = "/api/v1/sites/hub-test/consumption?target=b1-0102&point=" + E + "&from=2026-10-01&to=2026-11-01";
        JsonNode before = get(url, token("billing"));
        assertEquals(1, before.get("segments").get(0).get("anomalies").size(), "unrecorded, the new meter's 0.20 is a counter that fell: " + before);
        HttpResponse<String> swap = send("POST", "/api/v1/sites/hub-test/meter-replacements", token("billing"),
                "{\"oldDevice\":\"b1-0102-em\",\"newDevice\":\"b1-0102-em\",\"at\":\"2026-10-15T10:00\",\"finalReading\":\"760.50\","
                        + "\"initialReading\":\"0.00\",\"note\":\"新表装在原地址 new meter at the same address\"}");
        assertEquals(200, swap.statusCode(), swap.body());
        JsonNode c = get(url, token("billing"));
        assertEquals("105.500", c.get("usage").asText(), c.toString()); // (760.50 − 700.00) + (45.00 − 0.00)
        assertEquals(2, c.get("segments").size());
        assertEquals("recorded", c.get("segments").get(0).get("end").get("method").asText());
        assertEquals("recorded", c.get("segments").get(1).get("start").get("method").asText());
        assertEquals(0, c.get("segments").get(0).get("anomalies").size() + c.get("segments").get(1).get("anomalies").size(), c.toString());
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentAreServed() throws Exception {
        assertEquals("up", JSON.readTree(send("GET", "/health", null, null).body()).get("status").asText());
        assertTrue(send("GET", "/metrics", null, null).body().contains("lintel_hub_points_stored_total"));
        String openapi = send("GET", "/api/v1/openapi.yaml", null, null).body();
        assertTrue(openapi.startsWith("openapi: 3.1.0"));
        assertTrue(openapi.contains("/api/v1/sites/{site}/consumption"));
        HttpResponse<String> unknown = send("GET", "/api/v1/nothing-here", "api-admin", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("application/problem+json", unknown.headers().firstValue("content-type").orElse(""));
    }

    @Test
    void anEngineerUploadsANewDeviceProfileToTheRunningHubAndASiteUsingItImportsAndItOutlivesARestart() throws Exception {
        String site = Files.readString(TestFolders.site("clubhouse.yaml"));
        HttpResponse<String> before = send("POST", "/api/v1/sites?name=clubhouse.yaml", "api-admin", site);
        assertEquals(422, before.statusCode(), "the profile is not known yet: " + before.body());

        String broken = Files.readString(Path.of("src/test/resources/profiles/acme-pool-level-broken.yaml"));
        HttpResponse<String> bad = send("PUT", "/api/v1/profiles/acme-pool-level", "api-admin", broken);
        assertEquals(422, bad.statusCode(), bad.body());
        List<String> texts = new java.util.ArrayList<>();
        JSON.readTree(bad.body()).get("errors").forEach(e -> texts.add(e.get("text").asText()));
        assertTrue(texts.contains("acme-pool-level.yaml:24:16: point level: field 'pollGroup': no poll group 'levle' in this profile (declared: level)"),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("acme-pool-level.yaml:21:") && t.contains("type")), "the duplicate key, positioned: " + texts);

        String good = Files.readString(Path.of("src/test/resources/profiles/acme-pool-level.yaml"));
        assertEquals(403, send("PUT", "/api/v1/profiles/acme-pool-level", token("operator"), good).statusCode(), "operators do not change profiles");
        HttpResponse<String> wrongId = send("PUT", "/api/v1/profiles/acme-pool", "api-admin", good);
        assertEquals(422, wrongId.statusCode());
        assertTrue(wrongId.body().contains("send it to /api/v1/profiles/acme-pool-level"), wrongId.body());
        HttpResponse<String> ok = send("PUT", "/api/v1/profiles/acme-pool-level", "api-admin", good);
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals(200, send("PUT", "/api/v1/profiles/acme-pool-level", "api-admin", good).statusCode(), "a second upload replaces it");
        JsonNode list = JSON.readTree(send("GET", "/api/v1/profiles", "api-admin", null).body());
        assertTrue(list.toString().contains("\"id\":\"acme-pool-level\"") && list.toString().contains("\"source\":\"uploaded\""), list.toString());

        HttpResponse<String> imported = send("POST", "/api/v1/sites?name=clubhouse.yaml", "api-admin", site);
        assertEquals(201, imported.statusCode(), imported.body());

        // a second hub on the same database knows the uploaded profile from its first start
        try (Hub again = Hub.start(HubConfig.embedded(TestFolders.passable("hub-api-again"), 0, TestFolders.freePort(), 0)
                .withPostgres(databaseUrl, TestPostgres.USER, TestPostgres.password()))) {
            HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.apiPort() + "/api/v1/profiles"))
                    .header("Authorization", "Bearer api-admin").build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(listed.body().contains("\"id\":\"acme-pool-level\""), listed.body());
        }
    }

    @Test
    void aProfileSentAsCurlSendsAFileByDefaultIsReadAsTheFileNotAsFormFields() throws Exception {
        // curl --data-binary @file without -H: Content-Type application/x-www-form-urlencoded
        String good = Files.readString(Path.of("src/test/resources/profiles/acme-pool-level.yaml")).replace("id: acme-pool-level", "id: acme-pool-level-2");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/profiles/acme-pool-level-2"))
                .header("Authorization", "Bearer api-admin").header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString(good)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
    }
}
