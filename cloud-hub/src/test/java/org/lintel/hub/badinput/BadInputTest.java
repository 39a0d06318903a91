package org.lintel.hub.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.hub.Await;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * Bad input, everywhere, from fixtures: every request in {@code bad-input/requests.tsv}, every site file in
 * {@code bad-input/sites} and every profile in {@code bad-input/profiles} is answered with a 4xx problem that names
 * the field (or file:line:column) and carries no exception text; afterwards the hub is up and readings still flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = "bad-input-admin";
    static final Path FIXTURES = fixtures();
    static final AtomicInteger CASES = new AtomicInteger();
    static Hub hub;
    static String base;
    static long alarm;

    static Path fixtures() {
        try {
            return Path.of(BadInputTest.class.getResource("/bad-input").toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-bad-input"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken(ADMIN)
                .withAdminPassword("Bad-input-root-1"));
        base = "http://127.0.0.1:" + hub.apiPort();
        assertEquals(201, send("POST", "/api/v1/sites?name=hub-test.yaml", Files.readAllBytes(TestFolders.site("hub-test.yaml"))).statusCode());
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-f01-smoke", new LinkedHashMap<>(Map.of("alarm.state", "")));
            gw.data("b1-f01-smoke", false, new Object[] {"alarm.state", Instant.now(), "fire"});
            Await.until("the fire alarm", Duration.ofSeconds(15), () -> openAlarm() > 0);
        }
        alarm = openAlarm();
    }

    static long openAlarm() {
        try {
            JsonNode list = JSON.readTree(send("GET", "/api/v1/sites/hub-test/alarms", null).body());
            return list.isEmpty() ? 0 : list.get(0).get("id").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String[]> table(String name) throws Exception {
        return Files.readAllLines(FIXTURES.resolve(name), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1)).toList();
    }

    /** A problem the way every bad input must be answered: 4xx, problem+json, no stack or exception text. */
    static JsonNode problem(HttpResponse<String> r, int status, String what) throws Exception {
        assertEquals(status, r.statusCode(), what + ": " + r.body());
        assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""), what);
        for (String leak : List.of("Exception", "java.", "at org.", "org.lintel", "NullPointer", "ClassCast")) {
            assertFalse(r.body().contains(leak), what + " leaks '" + leak + "': " + r.body());
        }
        return JSON.readTree(r.body());
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyBadRequestIsAnsweredWithAProblemNamingTheField() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : table("requests.tsv")) {
            String method = row[0];
            String path = row[1].replace("{alarm}", Long.toString(alarm));
            String body = row[2].replace("\\n", "\n");
            int status = Integer.parseInt(row[3]);
            String fragment = row[4];
            String shown = method + " " + (path.length() > 90 ? path.substring(0, 90) + "…" : path) + (body.length() > 60 ? " " + body.substring(0, 60) + "…"
                    : body.equals("-") ? "" : " " + body);
            tests.add(DynamicTest.dynamicTest(shown, () -> {
                byte[] bytes = body.equals("-") ? null : body.startsWith("@@") ? "a".repeat(Integer.parseInt(body.substring(2))).getBytes(StandardCharsets.UTF_8)
                        : body.startsWith("@") ? Files.readAllBytes(FIXTURES.resolve("bodies").resolve(body.substring(1)))
                        : body.getBytes(StandardCharsets.UTF_8);
                JsonNode p = problem(send(method, path, bytes), status, shown);
                assertTrue(p.toString().contains(fragment), shown + ": the problem names '" + fragment + "': " + p);
                CASES.incrementAndGet();
            }));
        }
        return tests.stream();
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> everyBadSiteFileIsRefusedWithTheLineAndNothingIsImported() throws Exception {
        return table("sites.tsv").stream().map(row -> DynamicTest.dynamicTest(row[0], () -> {
            byte[] file = Files.readAllBytes(FIXTURES.resolve("sites").resolve(row[0]));
            HttpResponse<String> r = send("POST", "/api/v1/sites?name=" + row[0], file);
            int status = file.length == 0 ? 400 : 422;
            JsonNode p = problem(r, status, row[0]);
            if (status == 422) {
                List<String> texts = new ArrayList<>();
                p.get("errors").forEach(e -> texts.add(e.get("text").asText()));
                String at = row[0] + (row[1].equals("-") ? "" : ":" + row[1] + ":");
                assertTrue(texts.stream().anyMatch(t -> t.startsWith(at) && (row[2].equals("-") || t.contains(row[2]))),
                        "an error at " + at + " naming '" + row[2] + "': " + texts);
            }
            assertEquals(404, send("GET", "/api/v1/sites/bad-input-site", null).statusCode(), "nothing imported");
            CASES.incrementAndGet();
        }));
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> everyBadProfileIsRefusedWithTheLine() throws Exception {
        return table("profiles.tsv").stream().map(row -> DynamicTest.dynamicTest(row[0], () -> {
            byte[] file = Files.readAllBytes(FIXTURES.resolve("profiles").resolve(row[0]));
            JsonNode p = problem(send("PUT", "/api/v1/profiles/bad-input-profile?name=" + row[0], file), 422, row[0]);
            List<String> texts = new ArrayList<>();
            p.get("errors").forEach(e -> texts.add(e.get("text").asText()));
            assertTrue(texts.stream().anyMatch(t -> t.startsWith(row[0] + ":" + row[1] + ":") && t.contains(row[2])),
                    "an error at " + row[0] + ":" + row[1] + " naming '" + row[2] + "': " + texts);
            CASES.incrementAndGet();
        }));
    }

    @Test
    @Order(4)
    void afterwardsTheHubIsUpAndReadingsStillFlow() throws Exception {
        assertTrue(CASES.get() >= 100, "at least 100 bad inputs answered as they should, found " + CASES.get());
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        Instant now = Instant.now();
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.data("b1-0101-em", false, new Object[] {"energy.import.total", now, 4321.5});
        }
        Await.until("the reading sent after the bad input", Duration.ofSeconds(15), () -> {
            try {
                return send("GET", "/api/v1/sites/hub-test/devices/b1-0101-em/latest", null).body().contains("4321.5");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
