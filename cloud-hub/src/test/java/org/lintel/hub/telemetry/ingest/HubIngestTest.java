package org.lintel.hub.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.eclipse.paho.client.mqttv3.MqttException;
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
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * The hub's Sparkplug ingest end to end over a real MQTT connection to its embedded broker, into its embedded store,
 * with the registry on a real PostgreSQL.
 */
class HubIngestTest {

    static final String E = "energy.import.total";
    static final Map<String, String> POINTS = new LinkedHashMap<>(Map.of(E, "kWh", "power.active", "kW"));
    static Hub hub;

    @BeforeAll
    static void start() throws Exception {
        Path data = TestFolders.passable("hub");
        hub = Hub.start(HubConfig.embedded(data, 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("hub-test.yaml")))
                .withAdminToken("test-admin")
                .withMaxMessageBytes(128 * 1024)
                // the tests' readings carry fixed dates; a decade keeps them inside the window for years to come
                .withMaxReadingAge(Duration.ofDays(3650)));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static TestEdgeNode gateway(String id, String password) throws MqttException {
        return new TestEdgeNode(hub.brokerUrl(), "hub-test", id, id, password);
    }

    static List<StoredPoint> history(String device, String point) {
        return hub.store().history("hub-test", device, point, Instant.EPOCH, Instant.now().plus(Duration.ofDays(3650)), 10_000);
    }

    static void awaitPoints(String device, String point, int n) {
        Await.until(n + " points of " + device + "/" + point, Duration.ofSeconds(20), () -> history(device, point).size() >= n);
    }

    @Test
    void aGatewayWithAWrongPasswordIsRefused() {
        long before = hub.metrics().rejectedCount("bad-credentials");
        assertThrows(MqttException.class, () -> gateway("gw-b1", "guess"));
        assertThrows(MqttException.class, () -> gateway("nobody-knows-me", "b1-secret"));
        assertEquals(before + 2, hub.metrics().rejectedCount("bad-credentials"));
    }

    @Test
    void readingsDeliveredTwiceAreStoredOnce() throws Exception {
        Instant t = Instant.parse("2026-11-02T00:00:00Z");
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", POINTS);
            Object[][] values = {{E, t, 100.0}, {E, t.plusSeconds(60), 100.5}, {E, t.plusSeconds(120), 101.0}};
            gw.data("b1-0101-em", false, values);
            gw.data("b1-0101-em", false, values); // the gateway resends after a crash
            gw.data("b1-0101-em", false, new Object[] {E, t.plusSeconds(180), 101.5});
            awaitPoints("b1-0101-em", E, 4);
            Thread.sleep(300);
            assertEquals(List.of(100.0, 100.5, 101.0, 101.5), history("b1-0101-em", E).stream().map(StoredPoint::number).toList());
        }
    }

    @Test
    void historicalReadingsSentLateAreStoredInTimeOrder() throws Exception {
        Instant t = Instant.parse("2026-11-03T00:00:00Z");
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0102-em", POINTS);
            gw.data("b1-0102-em", false, new Object[] {E, t.plusSeconds(300), 50.0});
            gw.data("b1-0102-em", true, new Object[] {E, t, 48.0}, new Object[] {E, t.plusSeconds(100), 48.7}, new Object[] {E, t.plusSeconds(200), 49.2});
            awaitPoints("b1-0102-em", E, 4);
            List<StoredPoint> h = history("b1-0102-em", E);
            assertEquals(List.of(t, t.plusSeconds(100), t.plusSeconds(200), t.plusSeconds(300)), h.stream().map(StoredPoint::time).toList());
        }
    }

    @Test
    void aSeqGapMakesTheHostAskForARebirthAndNothingIsTrustedUntilItArrives() throws Exception {
        Instant t = Instant.parse("2026-11-04T00:00:00Z");
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.listenForCommands();
            gw.nodeBirth();
            gw.deviceBirth("b1-0103-em", POINTS);
            gw.data("b1-0103-em", false, new Object[] {E, t, 10.0});
            awaitPoints("b1-0103-em", E, 1);
            gw.skipSeq(); // a message was lost
            gw.data("b1-0103-em", false, new Object[] {E, t.plusSeconds(60), 11.0});
            Await.until("a rebirth command", Duration.ofSeconds(10), () -> !gw.commands.isEmpty());
            assertEquals("spBv1.0/hub-test/NCMD/gw-b1", gw.commands.get(0));
            gw.data("b1-0103-em", false, new Object[] {E, t.plusSeconds(120), 12.0});
            gw.nodeBirth();
            gw.deviceBirth("b1-0103-em", POINTS);
            gw.data("b1-0103-em", false, new Object[] {E, t.plusSeconds(180), 13.0});
            awaitPoints("b1-0103-em", E, 2);
            assertEquals(List.of(10.0, 13.0), history("b1-0103-em", E).stream().map(StoredPoint::number).toList());
            assertTrue(hub.metrics().rejectedCount("seq-gap") >= 1);
        }
    }

    @Test
    void aDeviceIsSeenWhenItsGatewayReportsItNotWhenItsValueLastChangedAndATimeoutIsNoAnswer() throws Exception {
        String point = "power.active";
        Instant changed = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", POINTS);
            // an unchanged value re-sent now still carries the time it last changed
            gw.data("b1-0101-em", false, new Object[] {point, changed, 0.0});
            awaitPoints("b1-0101-em", point, 1);
            Await.until("the device seen", Duration.ofSeconds(10), () -> deviceRow("b1-0101-em").has("lastSeen"));
            JsonNode seen = deviceRow("b1-0101-em");
            assertEquals("online", seen.get("status").asText(), seen.toString());
            Instant lastSeen = Instant.parse(seen.get("lastSeen").asText());
            assertTrue(Duration.between(lastSeen, Instant.now()).abs().compareTo(Duration.ofSeconds(30)) < 0, "seen on receipt, not at " + changed + ": " + seen);

            Thread.sleep(1100);
            int before = history("b1-0101-em", point).size();
            gw.timedOut("b1-0101-em", point, Instant.now());
            awaitPoints("b1-0101-em", point, before + 1);
            Thread.sleep(200);
            assertEquals(lastSeen.toString(), deviceRow("b1-0101-em").get("lastSeen").asText(), "a poll that timed out is no sign of life");
        }
    }

    static JsonNode deviceRow(String device) {
        HttpResponse<String> r;
        JsonNode all;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                    + "/api/v1/sites/hub-test/devices")).header("Authorization", "Bearer test-admin").build(), HttpResponse.BodyHandlers.ofString());
            all = new ObjectMapper().readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("GET devices: " + e, e);
        }
        assertEquals(200, r.statusCode(), r.body());
        for (JsonNode d : all) {
            if (d.get("id").asText().equals(device)) {
                return d;
            }
        }
        throw new AssertionError("no device " + device + " in " + r.body());
    }

    @Test
    void anIntegratorWatchesTheGatewaysTrafficWithMosquittoSubAndAnApiTokenAndCannotPublish() throws Exception {
        String port = hub.brokerUrl().replaceAll(".*:", "");
        String token = readOnlyToken();
        // mosquitto_sub from Debian's mosquitto-clients: -C 3 exits after three messages, -W after 20 s at the latest
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-u", "observer", "-P", token, "-V", "mqttv311",
                "-t", "spBv1.0/hub-test/+/gw-b2/#", "-C", "3", "-W", "20", "-v", "-F", "%t %l").redirectErrorStream(true).start();
        Thread.sleep(1500); // subscribed before anything is published
        Instant t = Instant.parse("2026-10-02T00:00:00Z");
        try (TestEdgeNode gw = gateway("gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-spare-em", POINTS);
            gw.data("b1-spare-em", false, new Object[] {E, t, 7.0});
        }
        assertTrue(sub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "mosquitto_sub got three messages");
        List<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(sub.getInputStream())).lines().toList();
        assertEquals(0, sub.exitValue(), lines.toString());
        assertEquals(List.of("spBv1.0/hub-test/NBIRTH/gw-b2", "spBv1.0/hub-test/DBIRTH/gw-b2/b1-spare-em", "spBv1.0/hub-test/DDATA/gw-b2/b1-spare-em"),
                lines.stream().map(l -> l.split(" ")[0]).toList());

        // read only: a publication closes the observer's connection and reaches nobody
        long refused = hub.metrics().rejectedCount("observer-publish");
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-u", "observer", "-P", token, "-V", "mqttv311",
                "-t", "spBv1.0/hub-test/NDATA/gw-b2", "-m", "forged").redirectErrorStream(true).start();
        pub.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        Await.until("the forged publication refused", Duration.ofSeconds(10), () -> hub.metrics().rejectedCount("observer-publish") > refused);
        // a wrong token is no observer
        Process bad = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-u", "observer", "-P", "not-a-token", "-V", "mqttv311",
                "-t", "spBv1.0/#", "-C", "1", "-W", "5").redirectErrorStream(true).start();
        assertTrue(bad.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(bad.exitValue() != 0, "refused");
    }

    static String readOnlyToken() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + "/api/v1/tokens"))
                .header("Authorization", "Bearer test-admin").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"integrator\",\"role\":\"read-only\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body()).get("token").asText();
    }

    @Test
    void anEdgeNodeOnEclipseTahusClientHearsTheRebirthRequestAfterALostMessageAndItsDataFlowsAgain() throws Exception {
        Instant t0 = Instant.parse("2026-10-01T00:00:00Z");
        Path node = Path.of("src/test/node");
        Process p = new ProcessBuilder("node", node.resolve("tahu-edge-node.js").toString(), hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2",
                "b2-secret", "b1-spare-em", E, "kWh", Long.toString(t0.toEpochMilli())).redirectErrorStream(true).start();
        List<String> said = new java.util.ArrayList<>();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            out.lines().forEach(said::add);
        }
        assertEquals(0, p.waitFor(), "the Tahu node said: " + said);
        assertTrue(said.contains("ncmd rebirth=true"), "the rebirth request reached the node through its NCMD/<node>/# subscription: " + said);
        // the birth's value (0 kWh, a second before), then the data; the value sent after the gap is not trusted (the
        // births it relies on may be stale), the one after the rebirth is
        Await.until("the value sent after the rebirth", Duration.ofSeconds(20), () -> hub.store().history("hub-test", "b1-spare-em", E,
                t0.minusSeconds(1), t0.plusSeconds(3600), 100).size() >= 3);
        List<StoredPoint> stored = hub.store().history("hub-test", "b1-spare-em", E, t0.minusSeconds(1), t0.plusSeconds(3600), 100);
        assertEquals(List.of(0.0, 1.0, 3.0), stored.stream().map(StoredPoint::number).toList());
        assertEquals(List.of(t0.minusSeconds(1), t0, t0.plusSeconds(120)), stored.stream().map(StoredPoint::time).toList());
    }

    @Test
    void aGatewayCannotPublishUnderAnotherGatewaysNameAndItsOwnDataStillFlows() throws Exception {
        Instant t = Instant.parse("2026-11-05T00:00:00Z");
        long before = hub.metrics().rejectedCount("unauthorized-topic");
        long wills = hub.metrics().rejectedCount("unauthorized-will");
        // leaving gw-b2's death as its will is refused at connect: it would report gw-b2 offline when it vanished
        assertThrows(MqttException.class, () -> new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b1", "b1-secret"));
        assertEquals(wills + 1, hub.metrics().rejectedCount("unauthorized-will"));
        try (TestEdgeNode impostor = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b1", "b1-secret", false)) {
            // QoS 1: refused publications are acknowledged (MQTT 3.1.1 has no refusal), so the impostor does not hang
            impostor.nodeBirth();
            impostor.deviceBirth("b1-spare-em", POINTS);
            impostor.data("b1-spare-em", false, new Object[] {E, t, 1.0});
        }
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", POINTS);
            gw.data("b1-0101-em", false, new Object[] {E, t, 200.0});
            Await.until("gw-b1's own reading", Duration.ofSeconds(10),
                    () -> history("b1-0101-em", E).stream().anyMatch(p -> p.time().equals(t)));
        }
        assertTrue(history("b1-spare-em", E).stream().noneMatch(p -> p.time().equals(t)), "nothing of the impostor's was stored");
        assertTrue(hub.metrics().rejectedCount("unauthorized-topic") >= before + 3);
    }

    @Test
    void unknownDevicesAndMalformedPayloadsAreRejectedAndTheGoodReadingsAroundThemKept() throws Exception {
        Instant t = Instant.parse("2026-11-06T00:00:00Z");
        long ghosts = hub.metrics().rejectedCount("unknown-device");
        long malformed = hub.metrics().rejectedCount("malformed-payload");
        try (TestEdgeNode gw = gateway("gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-spare-em", POINTS);
            gw.deviceBirth("ghost-meter", POINTS);
            gw.data("b1-spare-em", false, new Object[] {E, t, 1.0});
            gw.data("ghost-meter", false, new Object[] {E, t, 9.0});
            gw.raw("spBv1.0/hub-test/DDATA/gw-b2/b1-spare-em", new byte[] {0x0a, (byte) 0xff, 0x13, 0x37});
            gw.nodeBirth(); // the host asked for a rebirth after the garbage
            gw.deviceBirth("b1-spare-em", POINTS);
            gw.data("b1-spare-em", false, new Object[] {E, t.plusSeconds(60), 2.0});
            awaitPoints("b1-spare-em", E, 2);
        }
        assertEquals(List.of(1.0, 2.0), history("b1-spare-em", E).stream().map(StoredPoint::number).toList());
        assertTrue(hub.metrics().rejectedCount("unknown-device") > ghosts);
        assertTrue(hub.metrics().rejectedCount("malformed-payload") > malformed);
        assertTrue(hub.store().latest("hub-test", "ghost-meter").isEmpty());
    }

    @Test
    void anOversizedMessageIsRejectedAndCounted() throws Exception {
        long before = hub.metrics().rejectedCount("oversized");
        try (TestEdgeNode gw = gateway("gw-b2", "b2-secret")) {
            gw.raw("spBv1.0/hub-test/DDATA/gw-b2/b1-spare-em", new byte[200 * 1024]);
            Await.until("the oversized message to be counted", Duration.ofSeconds(10), () -> hub.metrics().rejectedCount("oversized") > before);
        }
    }

    @Test
    void theLagFromReadingToStorageIsExported() throws Exception {
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0102-em", POINTS);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            gw.data("b1-0102-em", false, new Object[] {"power.active", now, 1234.0});
            Await.until("the live reading", Duration.ofSeconds(10), () -> !history("b1-0102-em", "power.active").isEmpty());
        }
        String metrics = hub.metrics().prometheus();
        assertTrue(metrics.contains("lintel_hub_points_stored_total"), metrics);
        assertTrue(metrics.contains("lintel_hub_ingest_lag_seconds{quantile=\"0.99\"}"), metrics);
        assertTrue(metrics.contains("lintel_hub_rejected_messages_total{reason=\"bad-credentials\"}") || hub.metrics().rejectedCount("bad-credentials") == 0);
    }

    @Test
    void aGatewayCannotPublishReadingsOfAnotherGatewaysDevice() throws Exception {
        Instant t = Instant.parse("2026-11-20T00:00:00Z");
        long before = hub.metrics().rejectedCount("foreign-device");
        long gaps = hub.metrics().rejectedCount("seq-gap") + hub.metrics().rejectedCount("data-before-birth");
        try (TestEdgeNode gw = gateway("gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0103-em", POINTS); // gw-b1's meter, the one a unit's bill is read from
            gw.data("b1-0103-em", false, new Object[] {E, t, 1000.06});
            gw.deviceBirth("b1-spare-em", POINTS); // its own
            gw.data("b1-spare-em", false, new Object[] {E, t, 3.0});
            Await.until("gw-b2's own reading", Duration.ofSeconds(10), () -> history("b1-spare-em", E).stream().anyMatch(p -> p.time().equals(t)));
            // the refused messages still count in the node's sequence: no gap, so no rebirth of an honest node's session
            assertEquals(gaps, hub.metrics().rejectedCount("seq-gap") + hub.metrics().rejectedCount("data-before-birth"));
        }
        assertTrue(history("b1-0103-em", E).stream().noneMatch(p -> p.time().equals(t)), "nothing stored for gw-b1's meter");
        assertTrue(hub.metrics().rejectedCount("foreign-device") > before);
    }

    @Test
    void pointsOutsideTheProfileAreRefusedAndTheDeclaredOnesKept() throws Exception {
        Instant t = Instant.parse("2026-11-21T00:00:00Z");
        long before = hub.metrics().rejectedCount("undeclared-point");
        Map<String, String> points = new LinkedHashMap<>(POINTS);
        for (int i = 0; i < 50; i++) {
            points.put("made.up." + i, "kWh");
        }
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0103-em", points);
            Object[][] values = new Object[51][];
            values[0] = new Object[] {E, t, 5.0};
            for (int i = 0; i < 50; i++) {
                values[i + 1] = new Object[] {"made.up." + i, t, 1.0};
            }
            gw.data("b1-0103-em", false, values);
            Await.until("the declared reading", Duration.ofSeconds(10), () -> history("b1-0103-em", E).stream().anyMatch(p -> p.time().equals(t)));
        }
        assertEquals(before + 50, hub.metrics().rejectedCount("undeclared-point"));
        assertTrue(history("b1-0103-em", "made.up.0").isEmpty(), "no series made for a point the profile does not have");
    }

    @Test
    void readingsFromTheFarFutureOrBeforeTheWindowAreRefusedAndNonFiniteValuesAreNeverGood() throws Exception {
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        long future = hub.metrics().rejectedCount("time-in-future");
        long old = hub.metrics().rejectedCount("time-too-old");
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0102-em", POINTS);
            gw.data("b1-0102-em", false, new Object[] {E, Instant.now().plus(Duration.ofHours(1)), 9.0},
                    new Object[] {E, Instant.ofEpochMilli(-1), 9.0}, new Object[] {E, t, 7.0});
            gw.data("b1-0102-em", false, new Object[] {E, t.plusSeconds(60), Double.NaN}, new Object[] {E, t.plusSeconds(120), Double.POSITIVE_INFINITY});
            Await.until("the NaN and infinite readings", Duration.ofSeconds(10), () -> history("b1-0102-em", E).stream()
                    .filter(p -> !p.time().isBefore(t)).count() == 3);
        }
        List<StoredPoint> stored = history("b1-0102-em", E).stream().filter(p -> !p.time().isBefore(t.minusSeconds(1))).toList();
        assertEquals(7.0, stored.get(0).number());
        assertTrue(stored.get(0).isGood());
        for (StoredPoint p : stored.subList(1, 3)) {
            assertEquals("bad", p.quality(), "a NaN or infinity is kept as a bad reading at its time");
            assertEquals(null, p.number());
        }
        assertTrue(history("b1-0102-em", E).stream().noneMatch(p -> p.time().isAfter(Instant.now())), "nothing from the future");
        assertTrue(history("b1-0102-em", E).stream().noneMatch(p -> p.time().isBefore(Instant.parse("2000-01-01T00:00:00Z"))), "nothing from 1969");
        assertEquals(future + 1, hub.metrics().rejectedCount("time-in-future"));
        assertEquals(old + 1, hub.metrics().rejectedCount("time-too-old"));
    }

    @Test
    void aDeclaredUnitIsConvertedToTheProfilesAndAnIncompatibleOneRefused() throws Exception {
        Instant t = Instant.parse("2026-11-23T00:00:00Z");
        long incompatible = hub.metrics().rejectedCount("incompatible-unit");
        try (TestEdgeNode gw = gateway("gw-b1", "b1-secret")) {
            gw.nodeBirth();
            // a third-party node: energy in Wh and power in W, where Lintel stores kWh and kW
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "Wh", "power.active", "W")));
            gw.data("b1-0101-em", false, new Object[] {E, t, 1060.0}, new Object[] {"power.active", t, 960.0});
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of(E, "m3", "power.active", "kW")));
            gw.data("b1-0101-em", false, new Object[] {E, t.plusSeconds(60), 5.0}, new Object[] {"power.active", t.plusSeconds(60), 0.48});
            Await.until("both power readings", Duration.ofSeconds(10), () -> at("b1-0101-em", "power.active", t) != null
                    && at("b1-0101-em", "power.active", t.plusSeconds(60)) != null);
        }
        assertEquals(1.06, at("b1-0101-em", E, t).number(), "1,060 Wh is 1.06 kWh");
        assertEquals(0.96, at("b1-0101-em", "power.active", t).number(), "960 W is 0.96 kW");
        assertEquals(0.48, at("b1-0101-em", "power.active", t.plusSeconds(60)).number());
        assertTrue(history("b1-0101-em", E).stream().noneMatch(p -> p.time().equals(t.plusSeconds(60))), "m3 is not energy");
        assertEquals(incompatible + 1, hub.metrics().rejectedCount("incompatible-unit"));
    }

    @Test
    void aHugeTextAndAThousandMalformedMessagesFromOneGatewayDoNotHoldUpAnother() throws Exception {
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        long tooLong = hub.metrics().rejectedCount("text-too-long");
        long malformed = hub.metrics().rejectedCount("malformed-payload");
        try (TestEdgeNode bad = gateway("gw-b2", "b2-secret"); TestEdgeNode good = gateway("gw-b1", "b1-secret")) {
            bad.nodeBirth();
            bad.deviceBirth("b1-spare-em", POINTS);
            good.nodeBirth();
            good.deviceBirth("b1-0102-em", POINTS);
            bad.data("b1-spare-em", false, new Object[] {E, t, "x".repeat(70 * 1024)}, new Object[] {"power.active", t, 12.0});
            for (int i = 0; i < 1_000; i++) {
                bad.raw("spBv1.0/hub-test/DDATA/gw-b2/b1-spare-em", new byte[] {0x0a, (byte) 0xff, 0x13, 0x37});
                if (i % 100 == 0) {
                    good.data("b1-0102-em", false, new Object[] {"power.active", t.plusSeconds(i), (double) i});
                }
            }
            Await.until("all ten of gw-b1's readings", Duration.ofSeconds(20), () -> history("b1-0102-em", "power.active").stream()
                    .filter(p -> !p.time().isBefore(t) && p.time().isBefore(t.plusSeconds(1000))).count() == 10);
        }
        assertEquals(12.0, at("b1-spare-em", "power.active", t).number(), "the rest of the message with the huge text is kept");
        assertEquals(tooLong + 1, hub.metrics().rejectedCount("text-too-long"));
        assertTrue(hub.metrics().rejectedCount("malformed-payload") >= malformed + 1, "counted (the first is logged)");
    }

    @Test
    void anotherGatewaysCredentialsCannotTakeOverAGatewaysConnection() throws Exception {
        Instant t = Instant.parse("2026-11-25T00:00:00Z");
        try (TestEdgeNode victim = gateway("gw-b1", "b1-secret")) {
            victim.nodeBirth();
            victim.deviceBirth("b1-0101-em", POINTS);
            // the same client id as the victim's, with gw-b2's own (valid) credentials
            org.eclipse.paho.client.mqttv3.MqttClient thief = new org.eclipse.paho.client.mqttv3.MqttClient(hub.brokerUrl(),
                    victim.client.getClientId(), new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setUserName("gw-b2");
            o.setPassword("b2-secret".toCharArray());
            thief.connect(o);
            victim.data("b1-0101-em", false, new Object[] {"power.active", t, 4.2});
            Await.until("the victim's reading, on its connection still", Duration.ofSeconds(10), () -> at("b1-0101-em", "power.active", t) != null);
            assertTrue(victim.client.isConnected());
            thief.disconnect();
            thief.close();
        }
    }

    @Test
    void aStoredReadingIsNotReplacedByADifferentOneButMaySafelyComeAgain() throws Exception {
        Instant t = Instant.parse("2026-11-27T00:00:00Z");
        long before = hub.metrics().rejectedCount("overwrite-refused");
        try (TestEdgeNode gw = gateway("gw-b2", "b2-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-spare-em", POINTS);
            gw.data("b1-spare-em", false, new Object[] {E, t, 0.06}, new Object[] {E, t.plusSeconds(60), 0.07});
            Await.until("the first readings", Duration.ofSeconds(10), () -> at("b1-spare-em", E, t.plusSeconds(60)) != null);
            gw.data("b1-spare-em", false, new Object[] {E, t, 0.06}); // a resend: the same reading
            gw.data("b1-spare-em", false, new Object[] {E, t, 1000.06}, new Object[] {E, t.plusSeconds(120), 0.08}); // the issue's forgery
            Await.until("the reading after the forgery", Duration.ofSeconds(10), () -> at("b1-spare-em", E, t.plusSeconds(120)) != null);
        }
        assertEquals(0.06, at("b1-spare-em", E, t).number(), "the stored reading stands");
        assertEquals(before + 1, hub.metrics().rejectedCount("overwrite-refused"), "only the different value is refused, not the resend");
    }

    static StoredPoint at(String device, String point, Instant t) {
        return history(device, point).stream().filter(p -> p.time().equals(t)).findFirst().orElse(null);
    }
}
