package org.lintel.hub.endtoend;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.profile.Point;
import org.lintel.sim.Simulation;
import org.lintel.sim.device.SimDevice;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * Simulator → gateway → hub → a move-out at 14:37 local time: the site's time zone is an offset chosen to put 14:37 a
 * little after the test starts. One occupant leaves at once (the reading there is the "last billed reading"), the
 * meter moves, and the next one leaves at 14:37: their final electricity line is the simulated meter's register at
 * 14:37 minus that reading, the handover form's reading is the register, and their successor's bill starts from it.
 * Simulated time stands still while the gateway reads and moves in steps, so that what it reads is the register.
 */
class MoveOutEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SITE = "e2e-community";
    static final String UNIT = "b1-0101";
    static Site site;
    static Hub hub;
    static Simulation sim;
    static Instant fourteenThirtySeven;
    static ZoneOffset zone;
    static final List<GatewayRunner> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        fourteenThirtySeven = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        zone = LocalTimeSite.zoneWhere(LocalTime.of(14, 37), fourteenThirtySeven);
        Path siteFile = LocalTimeSite.siteFile(zone);
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        site = loaded.orThrow();
        hub = LocalTimeSite.hub(siteFile, "hub-move-out-e2e", "move-out-admin");
        sim = LocalTimeSite.frozenSimulation(siteFile, "lintel-move-out-sim");
        for (Gateway g : site.gateways()) {
            if (g.id().equals(gatewayOf(meter()))) {
                gateways.add(GatewayRunner.start(site, loaded.profiles(), siteFile, g.id(), new GatewayRunner.Overrides(hub.brokerUrl(), null, null, null, 0),
                        Files.createTempDirectory("lintel-move-out-" + g.id()), null, batch -> { }));
            }
        }
        send("PUT", "/api/v1/sites/" + SITE + "/tariff?name=e2e.tariffs.yaml", "application/yaml", """
                site: e2e-community
                feeItems:
                  - id: electricity
                    name: {en: Electricity, zh: 电费}
                    kind: metered
                    point: energy.import.total
                    unit: kWh
                    versions: [{from: 2020-01-01, price: 0.50}]
                """, 200);
        send("PUT", "/api/v1/sites/" + SITE + "/billing-accounts", "application/json",
                "[{\"unit\":\"" + UNIT + "\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\"]}]", 200);
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
    }

    static Device meter() {
        return site.devices().stream().filter(d -> d.serves() != null && UNIT.equals(d.serves().unit()) && d.id().endsWith("-em")).findFirst().orElseThrow();
    }

    static String gatewayOf(Device d) {
        return d.gateway();
    }

    static HttpResponse<String> send(String method, String path, String type, String body, int status) throws Exception {
        return LocalTimeSite.send(hub, "move-out-admin", method, path, type, body, status);
    }

    static Point energy() {
        return sim.device(meter().id()).orElseThrow().profile().points().stream().filter(p -> p.name().equals("energy.import.total")).findFirst().orElseThrow();
    }

    /** The register now, as the meter sends it (float32) and the hub keeps it (3 places). */
    static BigDecimal register() {
        SimDevice s = sim.device(meter().id()).orElseThrow();
        return new BigDecimal(Float.toString(s.register(energy(), sim.clock().now()).orElseThrow().floatValue())).setScale(3, RoundingMode.HALF_EVEN);
    }

    static void awaitRegister(String when) {
        BigDecimal want = register();
        Await.until("the hub holding the meter's register " + when, Duration.ofSeconds(60), () -> hub.store().latest(SITE, meter().id()).stream()
                .anyMatch(p -> p.point().equals("energy.import.total") && p.isGood()
                        && BigDecimal.valueOf(p.number()).setScale(3, RoundingMode.HALF_EVEN).compareTo(want) == 0));
    }

    static JsonNode moveOut(Instant at, String arriving, LocalDate from) throws Exception {
        return JSON.readTree(send("POST", "/api/v1/sites/" + SITE + "/units/" + UNIT + "/move-outs", "application/json", "{\"at\":\"" + at + "\",\"from\":\""
                + from + "\",\"arriving\":{\"payer\":\"" + arriving + "\",\"persons\":2}}", 200).body());
    }

    static BigDecimal electricity(JsonNode bill) {
        BigDecimal q = BigDecimal.ZERO;
        for (JsonNode l : bill.get("lines")) {
            if (l.get("feeItem").asText().equals("electricity")) {
                q = q.add(new BigDecimal(l.get("quantity").asText()));
            }
        }
        return q;
    }

    @Test
    void aMoveOutAt1437BillsTheRegisterThereMinusTheLastBilledReadingAndTheSuccessorStartsFromIt() throws Exception {
        LocalDate today = fourteenThirtySeven.atOffset(zone).toLocalDate();
        awaitRegister("at the start");
        assertTrue(Instant.now().isBefore(fourteenThirtySeven.minusSeconds(5)), "the system took more than 85 s to start; 14:37 passed");
        // the first occupant leaves now: the reading here is the second occupant's first, the "last billed reading"
        BigDecimal first = register();
        JsonNode a = moveOut(Instant.now().minusSeconds(1), "王芳", today);
        assertEquals(0, new BigDecimal(a.get("moveOut").get("readings").get(0).get("value").asText()).compareTo(first), a.toString());

        sim.clock().advance(Duration.ofHours(3));
        awaitRegister("three simulated hours later");
        BigDecimal at1437 = register();
        assertTrue(at1437.compareTo(first) > 0, "the flat used something in three hours");
        while (Instant.now().isBefore(fourteenThirtySeven)) {
            Thread.sleep(100);
        }
        JsonNode b = moveOut(fourteenThirtySeven, "李娜", today);
        assertEquals("14:37", b.get("moveOut").get("at").asText().isEmpty() ? "" : Instant.parse(b.get("moveOut").get("at").asText()).atOffset(zone)
                .toLocalTime().toString().substring(0, 5));
        JsonNode finalBill = b.get("finalBill");
        assertEquals("王芳", finalBill.get("payer").asText());
        assertEquals(0, electricity(finalBill).compareTo(at1437.subtract(first)), "billed " + electricity(finalBill) + ", the register at 14:37 "
                + at1437 + " minus the last billed reading " + first);
        JsonNode handed = b.get("moveOut").get("readings").get(0);
        assertEquals(0, new BigDecimal(handed.get("value").asText()).compareTo(at1437), handed.toString());
        assertTrue(List.of("measured", "interpolated").contains(handed.get("method").asText()), handed.toString());
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort()
                + "/api/v1/move-outs/" + b.get("moveOut").get("id").asLong() + "/handover")).header("Authorization", "Bearer move-out-admin").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        assertEquals("%PDF", new String(pdf.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

        // the successor's bill for the day so far starts from the reading at 14:37
        sim.clock().advance(Duration.ofHours(2));
        awaitRegister("two simulated hours after the move-out");
        BigDecimal now = register();
        JsonNode preview = JSON.readTree(send("GET", "/api/v1/sites/" + SITE + "/bill-preview?from=" + today + "&to=" + today.plusDays(1), null, null, 200).body());
        assertEquals(1, preview.size(), preview.toString());
        JsonNode next = preview.get(0);
        assertEquals("李娜", next.get("payer").asText());
        JsonNode reading = next.get("lines").get(0).get("readings").get(0);
        assertEquals(0, new BigDecimal(reading.get("previous").asText()).compareTo(at1437), "the successor starts from the reading at 14:37: " + reading);
        assertEquals(0, electricity(next).compareTo(now.subtract(at1437)), next.toString());
    }
}
