package org.lintel.hub.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.RecordingWebhook;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * The whole chain with nothing faked: simulated devices over Modbus TCP, CoAP and OPC UA → a real edge gateway
 * (polling, normalisation, store-and-forward, Sparkplug B) → the hub's embedded broker → ingest → alarm engine →
 * a local webhook that records what it is sent. Scenarios are injected in the simulator as an engineer would.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EndToEndAlarmTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SITE = "e2e-garden";
    static Hub hub;
    static Simulation sim;
    static GatewayRunner gateway;
    static RecordingWebhook webhook;

    @BeforeAll
    static void start() throws Exception {
        webhook = new RecordingWebhook();
        Path siteFile = TestFolders.siteWithFreePorts("e2e.yaml", 39521, 39683, 39840);
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-e2e"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(siteFile)).withAdminToken("e2e-admin")
                .withAlarmWebhook(webhook.url("/alarms")));
        sim = Simulation.start(siteFile, SimulationOptions.defaults().withHttpPort(0).withDataDir(Files.createTempDirectory("lintel-e2e-sim")));
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        Site site = loaded.orThrow();
        gateway = GatewayRunner.start(site, loaded.profiles(), siteFile, "gw-e2e",
                new GatewayRunner.Overrides(hub.brokerUrl(), null, null, null, 0), Files.createTempDirectory("lintel-e2e-edge"),
                Duration.ofMinutes(15), null);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
        hub.close();
        webhook.close();
    }

    static boolean hasLatest(String device, String point) {
        return hub.store().latest(SITE, device).stream().anyMatch(p -> p.point().equals(point) && p.isGood());
    }

    static List<JsonNode> posts(String device, String type) {
        return webhook.at("/alarms").stream().filter(p -> p.get("alarm").get("device").asText().equals(device) && p.get("alarm").get("type").asText().equals(type))
                .toList();
    }

    @Test
    void readingsFromModbusCoapAndOpcUaReachTheHub() {
        Await.until("readings of all three protocols in the hub's store", Duration.ofSeconds(60),
                () -> hasLatest("b1-0101-em", "energy.import.total") && hasLatest("b1-f01-smoke", "alarm.state") && hasLatest("b1-lift-1", "car.position"));
        StoredPoint energy = hub.store().latest(SITE, "b1-0101-em").stream().filter(p -> p.point().equals("energy.import.total")).findFirst().orElseThrow();
        assertEquals("b1", energy.building());
        assertTrue(energy.number() > 0);
    }

    @Test
    void aFireInTheSimulatorBecomesALatchedLifeSafetyAlarmAtTheWebhook() {
        Await.until("the detector's first reading", Duration.ofSeconds(60), () -> hasLatest("b1-f01-smoke", "alarm.state"));
        sim.scenarios().start("fire", "b1-f01-smoke", Map.of("fireAfter", "1s"));
        Await.until("the fire alarm at the webhook", Duration.ofSeconds(60), () -> !posts("b1-f01-smoke", "fire").isEmpty());
        JsonNode fire = posts("b1-f01-smoke", "fire").get(0);
        assertEquals("life-safety", fire.get("alarm").get("priority").asText());
        assertEquals("active-unacknowledged", fire.get("transition").get("to").asText());
        assertTrue(fire.get("alarm").get("latching").asBoolean());
    }

    @Test
    void aFastTemperatureRiseAtADetectorRaisesTheRateOfRiseAlarm() {
        Await.until("the detector's temperature", Duration.ofSeconds(60), () -> hasLatest("b1-f01-smoke", "temperature"));
        sim.scenarios().start("heat", "b1-f01-smoke", Map.of("degreesPerMinute", "40"));
        Await.until("the rate-of-rise alarm at the webhook", Duration.ofSeconds(90), () -> !posts("b1-f01-smoke", "heat-rate-of-rise").isEmpty());
        JsonNode rise = posts("b1-f01-smoke", "heat-rate-of-rise").get(0);
        assertEquals("critical", rise.get("alarm").get("priority").asText());
        assertEquals("温度快速上升（差温）", rise.get("alarm").get("labelZh").asText());
    }

    @Test
    void aTrappedPassengerInTheSimulatorRaisesItsAlarm() {
        Await.until("the lift's first reading", Duration.ofSeconds(60), () -> hasLatest("b1-lift-1", "car.position"));
        sim.scenarios().start("passenger-trapped", "b1-lift-1", Map.of());
        Await.until("the trapped-passenger alarm at the webhook", Duration.ofSeconds(60), () -> !posts("b1-lift-1", "passenger-trapped").isEmpty());
        assertEquals("life-safety", posts("b1-lift-1", "passenger-trapped").get(0).get("alarm").get("priority").asText());
    }

    @Test
    void aLeakInTheSimulatorRaisesAContinuousFlowAlarmUnderTheSitesOwnRule() {
        Await.until("the water meter's first reading", Duration.ofSeconds(60), () -> hasLatest("b1-0101-wm", "volume.forward.total"));
        Instant started = Instant.now();
        sim.scenarios().start("water-leak", "b1-0101-wm", Map.of("litresPerHour", "7200"));
        Await.until("the leak alarm at the webhook", Duration.ofSeconds(90), () -> posts("b1-0101-wm", "night-flow").stream()
                .anyMatch(p -> Instant.parse(p.get("transition").get("at").asText()).isAfter(started.plusSeconds(20))));
        JsonNode leak = posts("b1-0101-wm", "night-flow").get(posts("b1-0101-wm", "night-flow").size() - 1);
        assertEquals("major", leak.get("alarm").get("priority").asText());
        assertEquals("active-unacknowledged", leak.get("transition").get("to").asText());
    }

    @Test
    void aDeviceThatStopsAnsweringBecomesACommunicationAlarmForItAlone() {
        Await.until("the spare meter's first reading", Duration.ofSeconds(60), () -> hasLatest("b1-spare-em", "energy.import.total"));
        sim.scenarios().start("silent", "b1-spare-em", Map.of());
        Await.until("the silent meter's communication alarm", Duration.ofSeconds(60), () -> !posts("b1-spare-em", "communication-lost").isEmpty());
        assertEquals("active-unacknowledged", posts("b1-spare-em", "communication-lost").get(0).get("transition").get("to").asText());
        assertTrue(posts("b1-0101-em", "communication-lost").isEmpty(), "its neighbour on the same bus still answers");
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // stops the gateway: runs last (unordered tests come before)
    void aStoppedGatewayBecomesOneCommunicationAlarmNotOnePerDevice() {
        Await.until("the gateway online in the hub", Duration.ofSeconds(60), () -> hasLatest("b1-0101-em", "energy.import.total"));
        gateway.close();
        gateway = null;
        Await.until("the gateway's communication alarm", Duration.ofSeconds(60), () -> !posts("gw-e2e", "communication-lost").isEmpty());
        hub.alarms().drain();
        assertTrue(posts("b1-0101-em", "communication-lost").isEmpty() && posts("b1-lift-1", "communication-lost").isEmpty());
    }
}
