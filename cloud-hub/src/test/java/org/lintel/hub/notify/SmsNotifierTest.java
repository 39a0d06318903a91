package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;

import org.lintel.hub.oncall.EscalationFile;
import org.lintel.hub.oncall.Escalator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;

/** SMS through an HTTP provider template, against a local HTTP server that records the requests (the provider). */
class SmsNotifierTest {

    record Request(String method, String uri, String body, String contentType) {
    }

    HttpServer provider;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", ex -> {
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawQuery() == null ? ex.getRequestURI().getPath()
                    : ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getRawQuery(),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), ex.getRequestHeaders().getFirst("Content-Type")));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    static final Instant T = Instant.parse("2026-11-22T19:03:00Z");
    static final Alarm FIRE = new Alarm(42, "lintel-garden", "b2-f07-smoke", "fire", "alarm.state", "life-safety", true,
            AlarmState.ACTIVE_UNACKNOWLEDGED, true, 1, "Fire alarm", "火警", T, T, null, null, null, null);
    static final Transition ON = new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, T, "rule", "alarm.state = fire");

    @Test
    void aGetTemplateCarriesThePhoneAndTheBilingualTextUrlEncoded() {
        new SmsNotifier(base() + "/send?to={phone}&msg={text}", null, null, "13800000000", ZoneId.of("Asia/Shanghai")).notify(FIRE, ON);
        Await.until("the provider to be called", Duration.ofSeconds(10), () -> !requests.isEmpty());
        Request r = requests.get(0);
        assertEquals("GET", r.method());
        String query = URLDecoder.decode(r.uri(), StandardCharsets.UTF_8);
        assertTrue(query.contains("to=13800000000"), query);
        assertTrue(query.contains("【Lintel】火警 Fire alarm · b2-f07-smoke @ lintel-garden · 报警/active 11-23 03:03 · #42"), query);
    }

    @Test
    void aJsonPostTemplateFromAnEscalationFileEscapesTheText() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of("src/test/resources/escalation/with-sms.yaml")).replace("http://127.0.0.1:9", base());
        Path file = java.nio.file.Files.createTempFile("escalation", ".yaml");
        java.nio.file.Files.writeString(file, yaml);
        Escalator e = EscalationFile.read(file, Clock.systemUTC());
        e.transition(FIRE, ON);
        Await.until("the provider to be called", Duration.ofSeconds(10), () -> !requests.isEmpty());
        Request r = requests.get(0);
        assertEquals("POST", r.method());
        assertEquals("application/json", r.contentType());
        assertTrue(r.body().startsWith("{\"to\":\"13800000000\",\"msg\":\"【Lintel】火警 Fire alarm"), r.body());
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()); // valid JSON
    }
}
