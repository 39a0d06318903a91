package org.lintel.hub.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.RecordingWebhook;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.profile.Point;
import org.lintel.reading.Reading;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.sim.device.SimDevice;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.PropertyUnit;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * The whole system as ./run.sh composes it, with nothing faked: the simulators serve a two-building community over
 * Modbus TCP, Modbus RTU over TCP, CoAP and OPC UA; one edge gateway per building polls them and publishes Sparkplug B;
 * the hub stores, raises alarms and notifies a local webhook. Checks what a property company relies on: readings of
 * every protocol arrive, a fire reaches a person, an uplink outage loses nothing, and every unit's metered usage equals
 * what the simulated meters really counted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WholeSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SITE = "e2e-community";
    static Path siteFile;
    static Site site;
    static Path hubData;
    static String db;
    static int mqttPort;
    static Hub hub;
    static Simulation sim;
    static final List<GatewayRunner> gateways = new ArrayList<>();
    static RecordingWebhook webhook;
    /** Every reading each gateway handed to its uplink, as the gateway saw it. */
    static final List<Reading> sent = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        webhook = new RecordingWebhook();
        // its simulator ports lie in the ephemeral range: copied with ports free now (a clean run once found one taken)
        siteFile = TestFolders.siteWithFreePorts("community.yaml", 39621, 39622, 39631, 39783, 39940);
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        site = loaded.orThrow();
        hubData = TestFolders.passable("hub-community");
        db = TestPostgres.newDatabaseUrl();
        mqttPort = TestFolders.freePort();
        hub = startHub();
        sim = Simulation.start(siteFile, SimulationOptions.defaults().withHttpPort(0).withStart(Instant.now())
                .withDataDir(Files.createTempDirectory("lintel-community-sim")));
        for (Gateway g : site.gateways()) {
            gateways.add(GatewayRunner.start(site, loaded.profiles(), siteFile, g.id(), new GatewayRunner.Overrides(hub.brokerUrl(), null, null, null, 0),
                    Files.createTempDirectory("lintel-community-" + g.id()), null, batch -> sent.addAll(batch.readings())));
        }
    }

    static Hub startHub() {
        return Hub.start(HubConfig.embedded(hubData, 0, mqttPort, 0).withPostgres(db, TestPostgres.USER, TestPostgres.password()).withSites(List.of(siteFile))
                .withAdminToken("community-admin").withAlarmWebhook(webhook.url("/alarms")));
    }

    @AfterAll
    static void stop() {
        gateways.forEach(GatewayRunner::close);
        if (sim != null) {
            sim.close();
        }
        if (hub != null) {
            hub.close();
        }
        webhook.close();
    }

    static boolean has(String device, String point) {
        return hub.store().latest(SITE, device).stream().anyMatch(p -> p.point().equals(point) && p.isGood());
    }

    @Test
    @Order(1)
    void readingsOfEveryProtocolReachTheHubTaggedWithTheirBuilding() {
        Await.until("readings of Modbus TCP, Modbus RTU, CoAP and OPC UA devices in both buildings", Duration.ofSeconds(90),
                () -> has("b1-0101-em", "energy.import.total") && has("b1-0101-wm", "volume.forward.total") && has("b2-0101-em", "energy.import.total")
                        && has("b1-f01-smoke", "alarm.state") && has("b2-lift-1", "car.position"));
        StoredPoint lift = hub.store().latest(SITE, "b2-lift-1").stream().filter(p -> p.point().equals("car.position")).findFirst().orElseThrow();
        assertEquals("b2", lift.building());
    }

    /** The meters whose billed counters serve a unit. */
    static List<Device> meters(PropertyUnit u) {
        return site.devices().stream().filter(d -> d.serves() != null && u.id().equals(d.serves().unit())).toList();
    }

    static Point billed(Device d) {
        return sim.device(d.id()).orElseThrow().profile().points().stream().filter(p -> p.billing() != null).findFirst().orElseThrow();
    }

    /** What the meter's register says now, as the hub stores it (canonical unit, 3 decimals: float32 meters carry no more). */
    static BigDecimal register(Device d) {
        SimDevice s = sim.device(d.id()).orElseThrow();
        return s.register(billed(d), sim.clock().now()).orElseThrow().setScale(3, RoundingMode.HALF_EVEN);
    }

    static boolean hubHasRegister(Device d) {
        BigDecimal want = register(d);
        return hub.store().latest(SITE, d.id()).stream().filter(p -> p.point().equals(billed(d).name()) && p.isGood())
                .anyMatch(p -> BigDecimal.valueOf(p.number()).setScale(3, RoundingMode.HALF_EVEN).compareTo(want) == 0);
    }

    static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path))
                .header("Authorization", "Bearer community-admin").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    @Order(2)
    void everyUnitsMeteredUsageOverASimulatedDayEqualsWhatItsMetersReallyCountedStepByStep() throws Exception {
        List<Device> all = site.units().flatMap(u -> meters(u).stream()).toList();
        // hold simulated time still, so that what the gateways read is what the simulators' registers say
        sim.clock().setSpeed(1e-9);
        Await.until("the hub holding every meter's register", Duration.ofSeconds(60), () -> all.stream().allMatch(WholeSystemTest::hubHasRegister));
        // first single minutes (a counter moves by one or two steps of its register's resolution, where a deadband on
        // float32 values dropped every other step), then the rest of the day an hour at a time
        List<Duration> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            steps.add(Duration.ofMinutes(1));
        }
        for (int i = 0; i < 23; i++) {
            steps.add(i < 22 ? Duration.ofHours(1) : Duration.ofMinutes(40));
        }
        Instant dayFrom = null;
        Map<String, BigDecimal> dayBefore = null;
        Instant from = Instant.now();
        Map<String, BigDecimal> before = all.stream().collect(Collectors.toMap(Device::id, WholeSystemTest::register));
        int compared = 0;
        for (Duration step : steps) {
            if (dayFrom == null) {
                dayFrom = from;
                dayBefore = before;
            }
            Thread.sleep(100);
            sim.clock().advance(step);
            Await.until("the hub holding every meter's register " + step + " later", Duration.ofSeconds(60),
                    () -> all.stream().allMatch(WholeSystemTest::hubHasRegister));
            Thread.sleep(100);
            Instant to = Instant.now();
            Map<String, BigDecimal> after = all.stream().collect(Collectors.toMap(Device::id, WholeSystemTest::register));
            compared += compareUsage(from, to, before, after, false);
            from = to;
            before = after;
        }
        sim.clock().setSpeed(1);
        assertEquals(5 * steps.size(), compared, "three units: two with electricity and water, one with electricity; every step");
        assertEquals(5, compareUsage(dayFrom, from, dayBefore, before, true), "the whole day");
    }

    @Test
    @Order(3)
    void aDeviceWhoseValuesNeverChangeStaysOnlineThroughSeveralQuietLimits() throws Exception {
        // simulated time stands still: the parked lift's position, door and counters do not move, nor does the meter
        sim.clock().setSpeed(1e-9);
        try {
            Await.until("both devices online", Duration.ofSeconds(30), () -> status("b2-lift-1").equals("online") && status("b2-0101-em").equals("online"));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos(); // over three times their 6 s quiet limit
            while (System.nanoTime() < end) {
                JsonNode lift = device("b2-lift-1");
                assertEquals("online", lift.get("status").asText(), "a parked lift read without error every second: " + lift);
                assertEquals("online", status("b2-0101-em"), "a meter with no load");
                Instant lastSeen = Instant.parse(lift.get("lastSeen").asText());
                assertTrue(Duration.between(lastSeen, Instant.now()).compareTo(Duration.ofSeconds(6)) <= 0,
                        "last seen is when the gateway last reported it, not when its values last changed: " + lift);
                Thread.sleep(500);
            }
        } finally {
            sim.clock().setSpeed(1);
        }
    }

    static JsonNode device(String id) {
        JsonNode all;
        try {
            all = api("/api/v1/sites/" + SITE + "/devices");
        } catch (Exception e) {
            throw new IllegalStateException("GET devices: " + e, e);
        }
        for (JsonNode d : all) {
            if (d.get("id").asText().equals(id)) {
                return d;
            }
        }
        throw new AssertionError("no device " + id);
    }

    static String status(String id) {
        return device(id).get("status").asText();
    }

    /** Each unit's usage from the hub's API against the difference of its meters' registers; how many were compared. */
    static int compareUsage(Instant from, Instant to, Map<String, BigDecimal> before, Map<String, BigDecimal> after, boolean somethingUsed) throws Exception {
        int compared = 0;
        for (PropertyUnit u : site.units().toList()) {
            Map<String, List<Device>> byPoint = meters(u).stream().collect(Collectors.groupingBy(d -> billed(d).name()));
            for (Map.Entry<String, List<Device>> e : byPoint.entrySet()) {
                BigDecimal truth = e.getValue().stream().map(d -> after.get(d.id()).subtract(before.get(d.id()))).reduce(BigDecimal.ZERO, BigDecimal::add);
                JsonNode usage = api("/api/v1/sites/" + SITE + "/consumption?target=" + u.id() + "&point=" + e.getKey() + "&from="
                        + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8));
                assertEquals(0, new BigDecimal(usage.get("usage").asText()).compareTo(truth),
                        u.id() + " " + e.getKey() + " " + from + ".." + to + ": hub says " + usage.get("usage").asText() + ", the meters counted " + truth);
                assertEquals(false, usage.get("estimated").asBoolean(), u.id() + " " + e.getKey() + ": measured at both ends " + usage);
                if (somethingUsed) {
                    assertTrue(truth.signum() > 0, u.id() + " used something in a day");
                }
                compared++;
            }
        }
        return compared;
    }

    @Test
    @Order(4)
    void aFireInTheSimulatorBecomesALifeSafetyAlarmAndANotification() {
        Await.until("the detector's first reading", Duration.ofSeconds(60), () -> has("b1-f01-smoke", "alarm.state"));
        sim.scenarios().start("fire", "b1-f01-smoke", Map.of("fireAfter", "1s"));
        Await.until("the fire notification", Duration.ofSeconds(60), () -> webhook.at("/alarms").stream().anyMatch(n -> n.get("alarm").get("type").asText()
                .equals("fire") && n.get("alarm").get("device").asText().equals("b1-f01-smoke")));
        JsonNode fire = webhook.at("/alarms").stream().filter(n -> n.get("alarm").get("type").asText().equals("fire")).findFirst().orElseThrow();
        assertEquals("life-safety", fire.get("alarm").get("priority").asText());
        assertEquals("active-unacknowledged", fire.get("transition").get("to").asText());
    }

    @Test
    @Order(5)
    void whatTheGatewaysReadWhileTheHubWasDownIsReplayedWithoutLoss() throws Exception {
        sim.clock().setSpeed(120); // two simulated minutes a second: counters move at every poll, so every poll is a reading to keep
        Instant down = Instant.now();
        hub.close();
        Thread.sleep(8_000); // the gateways keep polling into their disk buffers
        Instant up = Instant.now();
        hub = startHub();
        sim.clock().setSpeed(1);
        List<Reading> during = sent.stream().filter(r -> !r.sourceTime().isBefore(down) && r.sourceTime().isBefore(up)).toList();
        assertTrue(during.size() > 20, "the gateways read while the hub was down: " + during.size());
        Await.until("every reading of the outage in the hub", Duration.ofSeconds(90), () -> missing(during).isEmpty());
        assertEquals(Set.of(), missing(during));
    }

    /** Readings not in the hub's store (device/point@time), looked up per series over the outage. */
    static Set<String> missing(List<Reading> readings) {
        Set<String> out = ConcurrentHashMap.newKeySet();
        Map<String, List<Reading>> bySeries = readings.stream().collect(Collectors.groupingBy(r -> r.deviceId() + "/" + r.point()));
        bySeries.forEach((series, rs) -> {
            Instant from = rs.stream().map(Reading::sourceTime).min(Instant::compareTo).orElseThrow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant to = rs.stream().map(Reading::sourceTime).max(Instant::compareTo).orElseThrow().plusMillis(1);
            Reading first = rs.get(0);
            Set<Instant> stored = hub.store().history(SITE, first.deviceId(), first.point(), from, to, 100_000).stream().map(StoredPoint::time)
                    .collect(Collectors.toSet());
            // Sparkplug carries milliseconds
            rs.stream().filter(r -> !stored.contains(r.sourceTime().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))
                    .forEach(r -> out.add(series + "@" + r.sourceTime()));
        });
        return out;
    }
}
