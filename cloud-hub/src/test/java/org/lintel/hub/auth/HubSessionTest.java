package org.lintel.hub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.storage.EmbeddedPostgres;

/** Staff accounts over HTTP: sign-in, lock-out, CSRF, idle expiry, sign-out, resets, and the audit trail they leave. */
class HubSessionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = "session-admin";
    static final Duration IDLE = Duration.ofSeconds(3);
    static final Duration LOCK = Duration.ofSeconds(4);
    static Hub hub;
    static String base;

    /** A browser's view of one session: its cookie and CSRF token. */
    record Session(String cookie, String csrf, JsonNode me) {
    }

    @BeforeAll
    static void start() throws Exception {
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-session"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withAdminToken(ADMIN).withAdminPassword("Lintel-first-2026")
                .withSessionIdle(IDLE).withLockOut(3, LOCK));
        base = "http://127.0.0.1:" + hub.apiPort();
        assertEquals(201, call("POST", "/api/v1/sites?name=hub-test.yaml", Map.of("Authorization", "Bearer " + ADMIN),
                Files.readString(TestFolders.site("hub-test.yaml"))).statusCode());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signIn(String user, String password) throws Exception {
        return call("POST", "/api/v1/session", Map.of("Content-Type", "application/json"),
                JSON.writeValueAsString(Map.of("username", user, "password", password)));
    }

    static Session session(String user, String password) throws Exception {
        HttpResponse<String> r = signIn(user, password);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        JsonNode me = JSON.readTree(r.body());
        return new Session(setCookie.substring(0, setCookie.indexOf(';')), me.get("csrfToken").asText(), me);
    }

    static HttpResponse<String> as(Session s, String method, String path, String body, boolean withCsrf) throws Exception {
        return call(method, path, withCsrf ? Map.of("Cookie", s.cookie(), "X-CSRF-Token", s.csrf()) : Map.of("Cookie", s.cookie()), body);
    }

    static void account(String user, String role, Object sites, String password, boolean mustChange) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/accounts", Map.of("Authorization", "Bearer " + ADMIN), JSON.writeValueAsString(Map.of(
                "username", user, "displayName", "测试 " + user, "role", role, "sites", sites, "password", password, "mustChangePassword", mustChange)));
        assertEquals(201, r.statusCode(), r.body());
        assertFalse(r.body().contains(password), "the answer never repeats the password");
    }

    @Test
    void theCookieIsHttpOnlyAndSameSiteStrictAndReadsButChangesNeedTheCsrfToken() throws Exception {
        account("wang.clerk", "billing", List.of("hub-test"), "Meter-2026-bills", false);
        HttpResponse<String> r = signIn("wang.clerk", "Meter-2026-bills");
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        String attributes = setCookie.toLowerCase(java.util.Locale.ROOT); // attribute names are case-insensitive (RFC 6265)
        assertTrue(attributes.contains("; httponly") && attributes.contains("; samesite=strict") && attributes.contains("; path=/"), setCookie);
        JsonNode me = JSON.readTree(r.body());
        assertEquals("billing", me.get("role").asText());
        assertEquals("收费员", me.get("roleName").get("zh").asText());
        assertEquals("[\"hub-test\"]", me.get("sites").toString());
        Session s = session("wang.clerk", "Meter-2026-bills");
        assertEquals(200, as(s, "GET", "/api/v1/sites/hub-test/meter-assignments", null, false).statusCode());
        String replacement = "{\"oldDevice\":\"b1-0101-em\",\"newDevice\":\"b1-spare-em\",\"at\":\"2026-11-01\",\"finalReading\":\"1e999999\"}";
        HttpResponse<String> forged = as(s, "POST", "/api/v1/sites/hub-test/meter-replacements", replacement, false);
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.body().contains("X-CSRF-Token"), forged.body());
        HttpResponse<String> checked = as(s, "POST", "/api/v1/sites/hub-test/meter-replacements", replacement, true);
        assertEquals(400, checked.statusCode(), "the CSRF token lets the request through to its own checks: " + checked.body());
        assertTrue(checked.body().contains("finalReading"), checked.body());
    }

    @Test
    void threeWrongPasswordsLockTheAccountEvenAgainstTheRightOneUntilTheLockEnds() throws Exception {
        account("li.tech", "technician", List.of("hub-test"), "Ladder-and-fuse", false);
        assertEquals(401, signIn("li.tech", "wrong-password-1").statusCode());
        assertEquals(401, signIn("li.tech", "wrong-password-2").statusCode());
        HttpResponse<String> locked = signIn("li.tech", "wrong-password-3");
        assertEquals(429, locked.statusCode(), locked.body());
        assertTrue(locked.headers().firstValue("retry-after").isPresent());
        assertEquals(429, signIn("li.tech", "Ladder-and-fuse").statusCode(), "locked even with the right password");
        Thread.sleep(LOCK.toMillis() + 300);
        assertEquals(200, signIn("li.tech", "Ladder-and-fuse").statusCode());
        // a cross-site form can only post text/plain: refused, so no other site signs a visitor in (login CSRF)
        HttpResponse<String> form = call("POST", "/api/v1/session", Map.of("Content-Type", "text/plain"),
                JSON.writeValueAsString(Map.of("username", "li.tech", "password", "Ladder-and-fuse")));
        assertEquals(415, form.statusCode(), form.body());
        assertTrue(form.headers().firstValue("set-cookie").isEmpty());
        // an unknown name gets the same answer as a wrong password
        HttpResponse<String> unknown = signIn("no.such.person", "whatever-it-is");
        assertEquals(401, unknown.statusCode());
        assertEquals(JSON.readTree(signIn("li.tech", "not-it-at-all").body()).get("detail"), JSON.readTree(unknown.body()).get("detail"));
    }

    @Test
    void anIdleSessionEndsButThePagesOwnRefreshesDoNotKeepItAlive() throws Exception {
        account("zhao.duty", "operator", "*", "Fire-watch-night", false);
        Session s = session("zhao.duty", "Fire-watch-night");
        long end = System.nanoTime() + IDLE.toNanos() + 1_500_000_000L;
        while (System.nanoTime() < end) {
            HttpResponse<String> r = call("GET", "/api/v1/alarms", Map.of("Cookie", s.cookie(), "X-Lintel-Background", "1"), null);
            if (r.statusCode() == 401) {
                break;
            }
            Thread.sleep(300);
        }
        HttpResponse<String> after = as(s, "GET", "/api/v1/alarms", null, false);
        assertEquals(401, after.statusCode(), "idle for longer than " + IDLE + " with only background refreshes");
        assertTrue(after.body().contains("sign in again"), after.body());
        // a person's own requests keep a session going past the idle limit
        Session busy = session("zhao.duty", "Fire-watch-night");
        for (int i = 0; i < 8; i++) {
            assertEquals(200, as(busy, "GET", "/api/v1/alarms", null, false).statusCode(), "request " + i);
            Thread.sleep(600);
        }
    }

    @Test
    void signingOutEndsTheSessionAtOnce() throws Exception {
        account("sun.manager", "manager", List.of("hub-test"), "Dashboards-all-day", false);
        Session s = session("sun.manager", "Dashboards-all-day");
        assertEquals(200, as(s, "GET", "/api/v1/session", null, false).statusCode());
        HttpResponse<String> out = as(s, "DELETE", "/api/v1/session", null, true);
        assertEquals(200, out.statusCode(), out.body());
        assertTrue(out.headers().firstValue("set-cookie").orElse("").contains("Max-Age=0"), out.headers().map().toString());
        assertEquals(401, as(s, "GET", "/api/v1/session", null, false).statusCode());
    }

    @Test
    void anAdminResetEndsEverySessionAndThePersonMustChooseANewPasswordFirst() throws Exception {
        account("qian.engineer", "engineer", "*", "Profiles-and-sites", false);
        Session before = session("qian.engineer", "Profiles-and-sites");
        HttpResponse<String> reset = call("POST", "/api/v1/accounts/qian.engineer/password", Map.of("Authorization", "Bearer " + ADMIN),
                "{\"password\":\"Temporary-pass-1\"}");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(401, as(before, "GET", "/api/v1/session", null, false).statusCode(), "the reset ended the old session");
        Session temp = session("qian.engineer", "Temporary-pass-1");
        assertTrue(temp.me().get("mustChangePassword").asBoolean());
        HttpResponse<String> blocked = as(temp, "GET", "/api/v1/sites", null, false);
        assertEquals(403, blocked.statusCode());
        assertTrue(blocked.body().contains("choose a new password first"), blocked.body());
        HttpResponse<String> weak = as(temp, "POST", "/api/v1/session/password", "{\"currentPassword\":\"Temporary-pass-1\",\"newPassword\":\"short\"}", true);
        assertEquals(400, weak.statusCode());
        assertEquals("newPassword", JSON.readTree(weak.body()).get("errors").get(0).get("field").asText());
        HttpResponse<String> changed = as(temp, "POST", "/api/v1/session/password",
                "{\"currentPassword\":\"Temporary-pass-1\",\"newPassword\":\"My-own-choice-77\"}", true);
        assertEquals(200, changed.statusCode(), changed.body());
        String cookie = changed.headers().firstValue("set-cookie").orElseThrow();
        Session after = new Session(cookie.substring(0, cookie.indexOf(';')), JSON.readTree(changed.body()).get("csrfToken").asText(), null);
        assertEquals(200, as(after, "GET", "/api/v1/sites", null, false).statusCode(), "the change continues under a new session");
        assertEquals(401, as(temp, "GET", "/api/v1/session", null, false).statusCode(), "and the temporary one has ended");
        assertEquals(401, signIn("qian.engineer", "Temporary-pass-1").statusCode());
    }

    @Test
    void aDisabledAccountCannotSignInAndTheLastAdminCannotBeDemoted() throws Exception {
        account("zhou.gone", "read-only", List.of("hub-test"), "Leaving-soon-99", false);
        Session s = session("zhou.gone", "Leaving-soon-99");
        HttpResponse<String> off = call("PATCH", "/api/v1/accounts/zhou.gone", Map.of("Authorization", "Bearer " + ADMIN), "{\"disabled\":true}");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(401, as(s, "GET", "/api/v1/sites", null, false).statusCode());
        assertEquals(401, signIn("zhou.gone", "Leaving-soon-99").statusCode());
        HttpResponse<String> demote = call("PATCH", "/api/v1/accounts/admin", Map.of("Authorization", "Bearer " + ADMIN), "{\"role\":\"engineer\"}");
        assertEquals(409, demote.statusCode(), demote.body());
        assertTrue(demote.body().contains("only admin"), demote.body());
    }

    @Test
    void everyChangeIsInTheAuditTrailWithWhoBeforeAndAfterAndNoSecret() throws Exception {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + ADMIN);
        HttpResponse<String> made = call("POST", "/api/v1/tokens", admin, "{\"name\":\"billing export\",\"role\":\"billing\",\"sites\":[\"hub-test\"]}");
        assertEquals(200, made.statusCode());
        String secret = JSON.readTree(made.body()).get("token").asText();
        long id = JSON.readTree(made.body()).get("id").asLong();
        assertEquals(200, call("DELETE", "/api/v1/tokens/" + id, admin, null).statusCode());
        account("wu.audit", "read-only", List.of("hub-test"), "Audit-me-please", false);
        assertEquals(401, signIn("wu.audit", "not-the-password").statusCode());

        HttpResponse<String> trail = call("GET", "/api/v1/audit?limit=50", admin, null);
        assertEquals(200, trail.statusCode());
        assertFalse(trail.body().contains(secret), "no token secret in the trail");
        assertFalse(trail.body().contains("Audit-me-please"), "no password in the trail");
        JsonNode entries = JSON.readTree(trail.body());
        JsonNode revoke = find(entries, "DELETE /api/v1/tokens/:id");
        assertEquals("admin (configured)", revoke.get("actor").asText());
        assertEquals("token", revoke.get("actorKind").asText());
        assertTrue(revoke.get("before").get("live").asBoolean());
        assertFalse(revoke.get("after").get("live").asBoolean());
        JsonNode create = find(entries, "POST /api/v1/tokens");
        assertEquals("[redacted]", create.get("after").get("token").asText());
        JsonNode account = find(entries, "POST /api/v1/accounts");
        assertEquals("[redacted]", account.get("request").get("body").get("password").asText());
        JsonNode refused = find(entries, "sign-in.refused");
        assertEquals("wu.audit", refused.get("actor").asText());

        HttpResponse<String> csv = call("GET", "/api/v1/audit?format=csv&action=sign-in.refused", admin, null);
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("\uFEFFid,at,actor"), csv.body());
        assertTrue(csv.body().contains("\"wu.audit\",anonymous,,\"sign-in.refused\""), csv.body());
        assertEquals(403, call("GET", "/api/v1/audit", Map.of("Authorization", "Bearer " + tokenFor("engineer")), null).statusCode());
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/console/", "/api/v1/sites", "/api/v1/no-such-thing", "/api/v1/openapi.yaml")) {
            HttpResponse<String> r = call("GET", path, Map.of(), null);
            assertNotNull(r.headers().firstValue("content-security-policy").orElse(null), path);
            assertTrue(r.headers().firstValue("content-security-policy").get().contains("frame-ancestors 'none'"), path);
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(""), path);
            assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(""), path);
        }
    }

    static String tokenFor(String role) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/tokens", Map.of("Authorization", "Bearer " + ADMIN),
                "{\"name\":\"" + role + "\",\"role\":\"" + role + "\"}");
        return JSON.readTree(r.body()).get("token").asText();
    }

    static JsonNode find(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (e.get("action").asText().equals(action)) {
                return e;
            }
        }
        throw new AssertionError("no '" + action + "' in " + entries);
    }
}
