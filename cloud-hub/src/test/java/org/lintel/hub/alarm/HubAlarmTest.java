package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import org.lintel.hub.registry.RegistryException;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/** Alarms raised from Sparkplug data, handled over the API, and posted to a local webhook that records requests. */
class HubAlarmTest {

    // the alarm list carries more than the Alarm record (where each alarm is): a client reads what it knows
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    static final Map<String, String> DETECTOR = new LinkedHashMap<>(Map.of("alarm.state", "", "temperature", "°C", "tamper", ""));
    static Hub hub;
    static RecordingWebhook webhook;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        webhook = new RecordingWebhook();
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-alarm"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(TestFolders.site("hub-test.yaml")))
                .withAdminToken("alarm-admin").withAlarmWebhook(webhook.url("/alarms")));
        api = "http://127.0.0.1:" + hub.apiPort();
    }

    @AfterAll
    static void stop() {
        hub.close();
        webhook.close();
    }

    static TestEdgeNode gw2() throws Exception {
        TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret");
        gw.nodeBirth();
        return gw;
    }

    static List<Alarm> openAlarms(String device) {
        try {
            JsonNode list = JSON.readTree(call("GET", "/api/v1/sites/hub-test/alarms", "alarm-admin", null).body());
            List<Alarm> out = new java.util.ArrayList<>();
            for (JsonNode n : list) {
                if (n.get("device").asText().equals(device)) {
                    out.add(JSON.treeToValue(n, Alarm.class));
                }
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static AlarmState fire() {
        return openAlarms("b1-f01-smoke").stream().filter(a -> a.type().equals("fire")).findFirst().orElseThrow().state();
    }

    static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String token(String name, String role) throws Exception {
        return JSON.readTree(call("POST", "/api/v1/tokens", "alarm-admin", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}").body())
                .get("token").asText();
    }

    @Test
    void aFireLatchesIsPostedToTheWebhookAndIsAcknowledgedAndResetByNamedPeople() throws Exception {
        Instant t = Instant.now();
        try (TestEdgeNode gw = gw2()) {
            gw.deviceBirth("b1-f01-smoke", DETECTOR);
            gw.data("b1-f01-smoke", false, new Object[] {"alarm.state", t, "fire"});
            Await.until("the fire alarm", Duration.ofSeconds(10), () -> openAlarms("b1-f01-smoke").stream().anyMatch(a -> a.type().equals("fire")));
            Alarm fire = openAlarms("b1-f01-smoke").stream().filter(a -> a.type().equals("fire")).findFirst().orElseThrow();
            assertEquals("life-safety", fire.priority());
            assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, fire.state());
            assertEquals("火警", fire.labelZh());
            Await.until("the webhook", Duration.ofSeconds(10), () -> webhook.at("/alarms").stream().anyMatch(p -> p.get("alarm").get("id").asLong() == fire.id()));
            gw.data("b1-f01-smoke", false, new Object[] {"alarm.state", t.plusSeconds(20), "normal"});
            hub.alarms().drain();
            Thread.sleep(200);
            assertEquals(AlarmState.ACTIVE_UNACKNOWLEDGED, fire(), "a fire stays until a person resets it");
        }
        long id = openAlarms("b1-f01-smoke").stream().filter(a -> a.type().equals("fire")).findFirst().orElseThrow().id();
        String operator = token("Wang Fang (night shift)", "operator");
        HttpResponse<String> early = call("POST", "/api/v1/alarms/" + id + "/reset", operator, "{\"note\":\"checked\"}");
        assertEquals(409, early.statusCode(), early.body());
        assertTrue(early.body().contains("acknowledge it before resetting"), early.body());
        assertEquals(200, call("POST", "/api/v1/alarms/" + id + "/acknowledge", operator, "{\"note\":\"on my way\"}").statusCode());
        HttpResponse<String> reset = call("POST", "/api/v1/alarms/" + id + "/reset", operator, "{\"note\":\"burnt toast, detector cleaned\"}");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals("normal", JSON.readTree(reset.body()).get("state").asText());
        JsonNode history = JSON.readTree(call("GET", "/api/v1/alarms/" + id, operator, null).body()).get("transitions");
        assertEquals(3, history.size());
        assertEquals("rule", history.get(0).get("by").asText());
        assertEquals("Wang Fang (night shift)", history.get(1).get("by").asText());
        assertEquals("on my way", history.get(1).get("why").asText());
        assertEquals("burnt toast, detector cleaned", history.get(2).get("why").asText());
        assertTrue(openAlarms("b1-f01-smoke").stream().noneMatch(a -> a.type().equals("fire")));
        String reader = token("auditor", "read-only");
        assertEquals(403, call("POST", "/api/v1/alarms/" + id + "/acknowledge", reader, null).statusCode());
    }

    @Test
    void concurrentDeliveriesOfTheSameConditionOpenOneAlarmAndTheDatabaseRefusesASecond() throws Exception {
        Instant t = Instant.parse("2026-11-22T01:00:00Z");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    hub.alarms().readings(new org.lintel.hub.core.DeviceKey("hub-test", "b1-f02-smoke"),
                            List.of(new StoredPoint("hub-test", "b1", "b1-f02-smoke", "tamper", t.plusMillis(n), 1.0, "true", "good", null)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        hub.alarms().drain();
        List<Alarm> tamper = openAlarms("b1-f02-smoke").stream().filter(a -> a.type().equals("tamper")).toList();
        assertEquals(1, tamper.size());
        assertEquals(1, tamper.get(0).occurrences());
        AlarmStore direct = new AlarmStore(org.lintel.hub.storage.Database.open(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()));
        Alarm a = tamper.get(0);
        Transition first = new Transition(AlarmState.NORMAL, AlarmState.ACTIVE_UNACKNOWLEDGED, t, "rule", "test");
        direct.open(a, first);
        assertThrows(RegistryException.class, () -> direct.open(a, first), "a second open alarm for the same device and type");
    }

    @Test
    void anOnDelayIsCompletedOnTheHubsClockWithoutAnotherReading() throws Exception {
        Instant longAgo = Instant.now().minusSeconds(30);
        try (TestEdgeNode gw = gw2()) {
            gw.deviceBirth("b1-f02-smoke", DETECTOR);
            gw.data("b1-f02-smoke", false, new Object[] {"temperature", longAgo, 61.0});
            Await.until("the high-temperature alarm", Duration.ofSeconds(10),
                    () -> openAlarms("b1-f02-smoke").stream().anyMatch(a -> a.type().equals("high-temperature")));
        }
    }

    @Test
    void aDeadGatewayRaisesOneAlarmForItselfNotOnePerDevice() throws Exception {
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.deviceBirth("b1-0102-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.deviceDeath("b1-0102-em");
            Await.until("the meter's communication alarm", Duration.ofSeconds(10),
                    () -> openAlarms("b1-0102-em").stream().anyMatch(a -> a.type().equals("communication-lost")));
            gw.nodeDeath();
            Await.until("the gateway's communication alarm", Duration.ofSeconds(10),
                    () -> openAlarms("gw-b1").stream().anyMatch(a -> a.type().equals("communication-lost")));
            hub.alarms().drain();
            assertTrue(openAlarms("b1-0101-em").stream().noneMatch(a -> a.type().equals("communication-lost")),
                    "no alarm per device behind a dead gateway");
            gw.nodeBirth();
            Await.until("the gateway alarm to return to normal (unacknowledged)", Duration.ofSeconds(10),
                    () -> openAlarms("gw-b1").stream().allMatch(a -> a.state() == AlarmState.RETURNED_UNACKNOWLEDGED));
        }
    }

    @Test
    void aLiftInMaintenanceModeRaisesNoFaultButStillReportsATrappedPassenger() throws Exception {
        Instant before = Instant.now().minusSeconds(30);
        Map<String, String> lift = new LinkedHashMap<>(Map.of("maintenance.mode", "", "fault.active", "", "passenger.trapped", ""));
        try (TestEdgeNode gw = gw2()) {
            gw.deviceBirth("b1-lift-1", lift);
            gw.data("b1-lift-1", false, new Object[] {"maintenance.mode", before, true}, new Object[] {"fault.active", before.plusSeconds(1), true});
            gw.data("b1-lift-1", false, new Object[] {"passenger.trapped", before.plusSeconds(2), true});
            Await.until("the trapped-passenger alarm", Duration.ofSeconds(10),
                    () -> openAlarms("b1-lift-1").stream().anyMatch(a -> a.type().equals("passenger-trapped")));
            Thread.sleep(2_000); // two ticks of the alarm clock: the fault's on-delay (5 s) has long passed
            assertTrue(openAlarms("b1-lift-1").stream().noneMatch(a -> a.type().equals("lift-fault")), "suppressed during maintenance");
            gw.data("b1-lift-1", false, new Object[] {"maintenance.mode", Instant.now(), false});
            Await.until("the fault once maintenance ends", Duration.ofSeconds(10),
                    () -> openAlarms("b1-lift-1").stream().anyMatch(a -> a.type().equals("lift-fault")));
        }
    }

    @Test
    void aDeviceOutOfServiceRaisesNothingUntilItIsReturned() throws Exception {
        String engineer = token("Engineer Zhao", "engineer");
        HttpResponse<String> oos = call("POST", "/api/v1/sites/hub-test/devices/b1-f01-smoke/out-of-service", engineer,
                "{\"reason\":\"detector replaced next week\"}");
        assertEquals(200, oos.statusCode(), oos.body());
        try (TestEdgeNode gw = gw2()) {
            gw.deviceBirth("b1-f01-smoke", DETECTOR);
            gw.data("b1-f01-smoke", false, new Object[] {"tamper", Instant.now(), true});
            hub.alarms().drain();
            Thread.sleep(500);
            hub.alarms().drain();
            assertTrue(openAlarms("b1-f01-smoke").stream().noneMatch(a -> a.type().equals("tamper")));
            assertEquals(200, call("DELETE", "/api/v1/sites/hub-test/devices/b1-f01-smoke/out-of-service", engineer, null).statusCode());
            Await.until("the tamper alarm after the detector is back in service", Duration.ofSeconds(10),
                    () -> openAlarms("b1-f01-smoke").stream().anyMatch(a -> a.type().equals("tamper")));
        }
    }

    @Test
    void aBornDeviceThatFallsSilentRaisesANoDataAlarmOnTheHubsClockAndItClearsWhenDataComesBack() throws Exception {
        hub.alarms().noDataAfter(Duration.ofSeconds(2));
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0103-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.data("b1-0103-em", false, new Object[] {"energy.import.total", Instant.now(), 5.0});
            Await.until("the no-data alarm", Duration.ofSeconds(15),
                    () -> openAlarms("b1-0103-em").stream().anyMatch(a -> a.type().equals("no-data") && a.state() == AlarmState.ACTIVE_UNACKNOWLEDGED));
            assertTrue(openAlarms("gw-b1").stream().noneMatch(a -> a.type().equals("no-data")), "gateways send no readings of their own");
            gw.data("b1-0103-em", false, new Object[] {"energy.import.total", Instant.now(), 5.5});
            Await.until("the no-data alarm to clear", Duration.ofSeconds(10),
                    () -> openAlarms("b1-0103-em").stream().anyMatch(a -> a.type().equals("no-data") && a.state() == AlarmState.RETURNED_UNACKNOWLEDGED));
        } finally {
            hub.alarms().noDataAfter(Duration.ofMinutes(30));
        }
    }
}
