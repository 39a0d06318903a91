package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.profile.Point;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Behaviours;
import org.lintel.sim.behaviour.WaterMeter;
import org.lintel.site.Device;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * 漏损 against the simulators: energy-water.yaml's water incomer measures its four flats' meters plus a pipe between
 * them leaking 25 L/h. Two days of their readings, every 15 minutes (one flat's only every 4 hours, as a reading round
 * would give), sent like a gateway's: the losses API's loss is the leak the models say, the day's judgement raises the
 * water loss alarm on the incomer, and the night's raises the leak alarm on the incomer but not on the flat whose
 * hours are interpolated.
 */
class EnergyWaterLossTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.now(SHANGHAI).minusDays(2);
    static final Instant FROM = DAY.atStartOfDay(SHANGHAI).toInstant();
    static final Instant TO = DAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
    static final String SITE = "energy-water";
    static final String INCOMER = "b1-main-wm";
    /** Read every four hours only. */
    static final String ROUNDS = "b1-0202-wm";
    static Hub hub;
    static Site site;
    static Map<String, Behaviour> models;
    static Map<String, Point> counters = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        SiteLoader.Loaded loaded = SiteLoader.load(TestFolders.site("energy-water.yaml"));
        site = loaded.orThrow();
        Instant since = FROM.minus(Duration.ofDays(1)).minus(Duration.ofHours(1));
        models = Behaviours.of(site, id -> loaded.profiles().find(id).orElseThrow(), 11, since);
        assertTrue(models.get(INCOMER) instanceof WaterMeter, "the simulators model the incomer");
        ((WaterMeter) models.get(INCOMER)).startLeak(since, 25);
        for (Device d : site.devices()) {
            counters.put(d.id(), loaded.profiles().find(d.profile()).orElseThrow().point("volume.forward.total").orElseThrow());
        }
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-water-loss"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("energy-water.yaml"))).withAdminToken("water-admin"));
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), SITE, "gw-w1", "gw-w1", "w1-secret")) {
            gw.nodeBirth();
            for (Device d : site.devices()) {
                gw.deviceBirth(d.id(), new LinkedHashMap<>(Map.of("volume.forward.total", "m³")));
                List<Object[]> batch = new ArrayList<>();
                Duration step = d.id().equals(ROUNDS) ? Duration.ofHours(4) : Duration.ofMinutes(15);
                for (Instant t = FROM.minus(Duration.ofDays(1)); !t.isAfter(TO); t = t.plus(step)) {
                    batch.add(new Object[] {"volume.forward.total", t, register(d.id(), t).doubleValue()});
                }
                gw.data(d.id(), true, batch.toArray(Object[][]::new));
            }
        }
        Await.until("the day's last readings stored", Duration.ofSeconds(20), () -> site.devices().stream().allMatch(d -> hub.store()
                .latest(SITE, d.id()).stream().anyMatch(p -> p.time().equals(TO))));
        String incomerTotal = "\"total\":\"" + register(INCOMER, TO).subtract(register(INCOMER, FROM.minus(Duration.ofDays(1)))).toPlainString() + "\"";
        Await.until("the incomer's two days in the rollups", Duration.ofSeconds(30), () -> {
            try {
                return get("/api/v1/sites/" + SITE + "/energy/use?medium=water&by=meter&interval=total&from=" + DAY.minusDays(1) + "&to=" + DAY.plusDays(1))
                        .toString().contains(incomerTotal);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static BigDecimal register(String device, Instant t) {
        return models.get(device).trueTotal(counters.get(device), t).orElseThrow();
    }

    static BigDecimal counted(String device) {
        return register(device, TO).subtract(register(device, FROM));
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path))
                .header("Authorization", "Bearer water-admin").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theBuildingsWaterLossIsThePipesLeakAndRaisesTheWaterLossAlarm() throws Exception {
        BigDecimal flats = site.devices().stream().filter(d -> !d.id().equals(INCOMER)).map(d -> counted(d.id())).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal incomer = counted(INCOMER);
        BigDecimal leak = incomer.subtract(flats);
        // 25 L/h for 24 hours, give or take the litre the registers' steps cut off at each end
        assertTrue(leak.subtract(new BigDecimal("0.600")).abs().compareTo(new BigDecimal("0.005")) <= 0, "the pipe's leak: " + leak + " m³");

        JsonNode loss = get("/api/v1/sites/" + SITE + "/energy/losses?from=" + DAY + "&to=" + DAY.plusDays(1)).get("losses").get(0);
        assertEquals(INCOMER, loss.get("meter").asText());
        assertEquals("m³", loss.get("unit").asText());
        assertEquals(0, new BigDecimal(loss.get("upstream").asText()).compareTo(incomer), loss.toString());
        assertEquals(0, new BigDecimal(loss.get("subMeters").asText()).compareTo(flats), loss.toString());
        assertEquals(0, new BigDecimal(loss.get("loss").asText()).compareTo(leak), loss.toString());
        BigDecimal percent = leak.multiply(BigDecimal.valueOf(100)).divide(incomer, 1, RoundingMode.HALF_UP);
        assertEquals(0, new BigDecimal(loss.get("percent").asText()).compareTo(percent), loss.toString());
        assertTrue(percent.compareTo(new BigDecimal("12")) > 0, "a leak this size is above the water default: " + percent + " %");

        assertEquals(1, hub.lossWatch().judge(SITE, DAY, SHANGHAI));
        hub.alarms().drain();
        JsonNode alarm = null;
        for (JsonNode a : get("/api/v1/sites/" + SITE + "/alarms")) {
            if (a.get("type").asText().equals("loss-high")) {
                alarm = a;
            }
        }
        assertTrue(alarm != null, "the water loss alarm is open");
        assertEquals(INCOMER, alarm.get("device").asText());
        assertEquals("漏损率过高", alarm.get("labelZh").asText());
        assertTrue(alarm.get("lastValue").asText().startsWith(percent.toPlainString() + " % " + DAY + " ("), alarm.toString());
    }

    @Test
    void theNightsVerdictRaisesTheLeakAlarmOnTheIncomerAndSaysNothingOfAMeterWhoseHoursAreInterpolated() throws Exception {
        JsonNode night = get("/api/v1/sites/" + SITE + "/energy/night-flow?night=" + DAY);
        Map<String, JsonNode> byMeter = new LinkedHashMap<>();
        night.get("meters").forEach(m -> byMeter.put(m.get("meter").asText(), m));
        assertEquals(INCOMER, night.get("meters").get(0).get("meter").asText(), "the pipe's leak flows all night: " + night);
        assertTrue(byMeter.get(INCOMER).get("suspected").asBoolean(), byMeter.get(INCOMER).toString());
        JsonNode rounds = byMeter.get(ROUNDS);
        assertTrue(rounds.get("estimated").asBoolean(), rounds.toString());
        assertTrue(!rounds.get("suspected").asBoolean(), "interpolated hours say nothing of a leak: " + rounds);

        assertEquals(4, hub.nightWatch().judge(SITE, DAY, SHANGHAI), "the incomer and the three flats read every 15 minutes");
        hub.alarms().drain();
        List<String> leaking = new ArrayList<>();
        for (JsonNode a : get("/api/v1/sites/" + SITE + "/alarms")) {
            if (a.get("type").asText().equals("leak-suspected")) {
                leaking.add(a.get("device").asText());
            }
        }
        assertEquals(List.of(INCOMER), leaking);
    }
}
