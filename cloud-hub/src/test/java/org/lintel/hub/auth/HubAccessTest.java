package org.lintel.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.storage.EmbeddedPostgres;

/**
 * Every endpoint against every role, from the table in {@code access/endpoints.tsv}: a role the table admits gets
 * through (any answer but 401/403), any other gets 403; no token, an expired and a revoked token get 401; a token of
 * another site gets 403 on every path of a site it was not granted.
 */
@SuppressWarnings("unchecked")
class HubAccessTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = "access-admin";
    static Hub hub;
    static String base;
    static List<Endpoint> table;

    record Endpoint(String method, String template, String path, String body, Set<String> roles) {
        boolean isPublic() {
            return roles.contains("*public");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-access"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken(ADMIN).withAdminPassword("first-Pass-word"));
        base = "http://127.0.0.1:" + hub.apiPort();
        String site = Files.readString(TestFolders.site("hub-test.yaml"));
        assertEquals(201, send("POST", "/api/v1/sites?name=hub-test.yaml", ADMIN, site).statusCode());
        HttpResponse<String> other = send("POST", "/api/v1/sites?name=access-other.yaml", ADMIN,
                site.replace("id: hub-test", "id: access-other").replace("username: gw-b", "username: other-gw-b"));
        assertEquals(201, other.statusCode(), other.body());
        table = Files.readAllLines(Path.of(HubAccessTest.class.getResource("/access/endpoints.tsv").toURI())).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                .map(f -> new Endpoint(f[0], f[1], f[2], f[3].equals("-") ? null : f[3], Set.of(f[4].split(",")))).toList();
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

    static String token(String role, Object sites, String expiresIn) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", role + " (access test)", "role", role, "sites", sites));
        if (expiresIn != null) {
            body.put("expiresIn", expiresIn);
        }
        HttpResponse<String> r = send("POST", "/api/v1/tokens", ADMIN, JSON.writeValueAsString(body));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    @Test
    void theTableListsEveryEndpointTheHubRegistersWithTheRolesItAdmits() {
        Map<String, Set<String>> registered = hub.apiRoutes().stream().collect(Collectors.toMap(r -> r.method() + " " + r.path(),
                r -> r.roles().isEmpty() ? Set.of("*public") : r.roles().stream().map(Role::id).collect(Collectors.toSet())));
        Map<String, Set<String>> tabled = table.stream().collect(Collectors.toMap(Endpoint::toString, Endpoint::roles));
        assertEquals(new TreeSet<>(registered.keySet()), new TreeSet<>(tabled.keySet()), "the table and the hub list the same endpoints");
        registered.forEach((route, roles) -> assertEquals(new TreeSet<>(roles), new TreeSet<>(tabled.get(route)), route));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndTheBodyOfEveryJsonChange() throws Exception {
        HttpResponse<String> doc = send("GET", "/api/v1/openapi.yaml", null, null);
        Map<String, Object> paths = (Map<String, Object>) ((Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(doc.body())).get("paths");
        List<String> missing = new ArrayList<>();
        List<String> withoutSchema = new ArrayList<>();
        for (var r : hub.apiRoutes()) {
            String path = r.path().replaceAll(":([A-Za-z]+)", "{$1}");
            Map<String, Object> ops = (Map<String, Object>) paths.get(path);
            Map<String, Object> op = ops == null ? null : (Map<String, Object>) ops.get(r.method().toLowerCase(java.util.Locale.ROOT));
            if (op == null) {
                missing.add(r.method() + " " + path);
                continue;
            }
            Map<String, Object> body = (Map<String, Object>) op.get("requestBody");
            boolean fileUpload = body != null && (((Map<String, Object>) body.get("content")).containsKey("application/yaml")
                    || ((Map<String, Object>) body.get("content")).containsKey("text/csv")
                    || ((Map<String, Object>) body.get("content")).keySet().stream().allMatch(k -> k.startsWith("image/")));
            boolean jsonChange = !r.method().equals("GET") && !r.method().equals("DELETE") && !fileUpload;
            if (jsonChange && (body == null || !((Map<String, Object>) body.get("content")).containsKey("application/json"))) {
                withoutSchema.add(r.method() + " " + path);
            }
        }
        assertTrue(missing.isEmpty(), "endpoints the document does not describe: " + missing);
        assertTrue(withoutSchema.isEmpty(), "changes without a JSON body schema: " + withoutSchema);
    }

    @Test
    void eachRoleGetsThroughExactlyWhereTheTableAdmitsIt() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Role role : Role.values()) {
            String token = role == Role.ADMIN ? ADMIN : token(role.id(), "*", null);
            for (Endpoint e : table) {
                if (e.isPublic()) {
                    continue;
                }
                int status = send(e.method(), e.path(), token, e.body()).statusCode();
                calls++;
                boolean through = status != 401 && status != 403;
                if (through != e.roles().contains(role.id()) || status >= 500) {
                    wrong.add(role.id() + " " + e + " -> " + status);
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + calls + " calls answered against the table: " + wrong);
        assertEquals(Role.values().length * (table.size() - 1), calls);
    }

    @Test
    void noTokenAnUnknownAnExpiredAndARevokedTokenAreRefusedEverywhere() throws Exception {
        String expired = token("engineer", "*", "1s");
        String revoked = token("engineer", "*", null);
        JsonNode listed = JSON.readTree(send("GET", "/api/v1/tokens", ADMIN, null).body());
        long revokedId = -1;
        for (JsonNode t : listed) {
            assertFalse(t.has("token"), "a listed token never shows its secret: " + t);
            revokedId = t.get("id").asLong();
        }
        HttpResponse<String> revoke = send("DELETE", "/api/v1/tokens/" + revokedId, ADMIN, null);
        assertEquals(200, revoke.statusCode(), revoke.body());
        assertFalse(JSON.readTree(revoke.body()).get("live").asBoolean());
        Await.until("the 1 s token expired", java.time.Duration.ofSeconds(10), () -> {
            try {
                return send("GET", "/api/v1/sites", expired, null).statusCode() == 401;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : table) {
            if (e.isPublic()) {
                continue;
            }
            for (String[] who : List.of(new String[]{"no token", null}, new String[]{"unknown", "lt_made-up"}, new String[]{"expired", expired},
                    new String[]{"revoked", revoked})) {
                HttpResponse<String> r = send(e.method(), e.path(), who[1], e.body());
                if (r.statusCode() != 401 || !r.headers().firstValue("content-type").orElse("").equals("application/problem+json")) {
                    wrong.add(who[0] + " " + e + " -> " + r.statusCode());
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
    }

    @Test
    void aTokenOfAnotherSiteIsRefusedOnEveryPathOfThisSiteAndSeesOnlyItsOwn() throws Exception {
        // an admin's role limited to one site: the site check does not depend on the role
        String other = token("admin", List.of("access-other"), null);
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : table.stream().filter(e -> e.template().contains(":site")).toList()) {
            HttpResponse<String> r = send(e.method(), e.path(), other, e.body());
            if (r.statusCode() != 403 || !r.body().contains("not granted site 'hub-test'")) {
                wrong.add(e + " -> " + r.statusCode());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.toString());
        assertEquals(200, send("GET", "/api/v1/sites/access-other/devices", other, null).statusCode());
        JsonNode sites = JSON.readTree(send("GET", "/api/v1/sites", other, null).body());
        assertEquals(1, sites.size(), sites.toString());
        assertEquals("access-other", sites.get(0).get("id").asText());
        // importing a site it was not granted is refused, and nothing is imported
        String hubTest = Files.readString(TestFolders.site("hub-test.yaml"));
        HttpResponse<String> imported = send("POST", "/api/v1/sites?name=x.yaml", other, hubTest);
        assertEquals(403, imported.statusCode(), imported.body());
    }

    @Test
    void aGrantOfASiteNotInTheRegistryIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tokens", ADMIN, "{\"name\":\"x\",\"role\":\"engineer\",\"sites\":[\"no-such-site\"]}");
        assertEquals(400, r.statusCode(), r.body());
        JsonNode p = JSON.readTree(r.body());
        assertEquals("sites", p.get("errors").get(0).get("field").asText());
        assertTrue(p.get("detail").asText().contains("no-such-site"), r.body());
        HttpResponse<String> longName = send("POST", "/api/v1/tokens", ADMIN, "{\"name\":\"" + "x".repeat(7_000) + "\",\"role\":\"engineer\"}");
        assertEquals(400, longName.statusCode());
        assertEquals("name", JSON.readTree(longName.body()).get("errors").get(0).get("field").asText());
        HttpResponse<String> forever = send("POST", "/api/v1/tokens", ADMIN, "{\"name\":\"x\",\"role\":\"engineer\",\"expiresIn\":\"3000d\"}");
        assertEquals(400, forever.statusCode(), forever.body());
        assertTrue(Arrays.asList(forever.body().split("\"")).contains("expiresIn"), forever.body());
    }
}
