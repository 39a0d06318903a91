package org.lintel.hub.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.edge.GatewayRunner;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.telemetry.timeseries.StoredPoint;
import org.lintel.profile.Point;
import org.lintel.sim.Simulation;
import org.lintel.sim.device.MeterEvent;
import org.lintel.sim.device.SimDevice;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/**
 * Simulators → gateways → hub → bill run, with a meter replaced in place and a water meter rolling over inside the
 * period: every unit's billed quantity is what its meters really counted (the simulators' ground truth). A bill period
 * is made of local days, so the site's time zone is an offset chosen to put a local midnight ninety seconds after the
 * test starts: the period begins there, with the gateways' readings before and after it. Simulated time stands still
 * while the gateways read, and moves in steps, so that what they read is what the registers say.
 */
class BillRunEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SITE = "e2e-community";
    static Site site;
    static Hub hub;
    static Simulation sim;
    static Instant midnight;
    static ZoneOffset zone;
    static final List<GatewayRunner> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        midnight = Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        zone = LocalTimeSite.zoneWhere(java.time.LocalTime.MIDNIGHT, midnight);
        Path siteFile = LocalTimeSite.siteFile(zone);
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        site = loaded.orThrow();
        hub = LocalTimeSite.hub(siteFile, "hub-bill-e2e", "bill-e2e-admin");
        // simulated time stands still from here on, but for the steps below
        sim = LocalTimeSite.frozenSimulation(siteFile, "lintel-bill-e2e-sim");
        // the water meter of b1-0102 is preset just below its rollover before the period, so that it wraps inside it
        sim.scenarios().start("rollover", "b1-0102-wm", Map.of("margin", "0.02"));
        // the period is always the site's first six hours after midnight, when a flat may draw no water at all: a steady
        // leak on both water meters makes sure each counts something and b1-0102's wraps (0.02 m³ to go, 0.36 m³ leaked)
        sim.scenarios().start("water-leak", "b1-0102-wm", Map.of("litresPerHour", "60"));
        sim.scenarios().start("water-leak", "b1-0101-wm", Map.of("litresPerHour", "30"));
        for (Gateway g : site.gateways()) {
            gateways.add(GatewayRunner.start(site, loaded.profiles(), siteFile, g.id(), new GatewayRunner.Overrides(hub.brokerUrl(), null, null, null, 0),
                    Files.createTempDirectory("lintel-bill-e2e-" + g.id()), null, batch -> { }));
        }
        send("PUT", "/api/v1/sites/" + SITE + "/tariff?name=e2e.tariffs.yaml", "application/yaml", """
                site: e2e-community
                feeItems:
                  - id: electricity
                    name: {en: Electricity, zh: 电费}
                    kind: metered
                    point: energy.import.total
                    unit: kWh
                    versions:
                      - {from: 2020-01-01, tiers: {period: month, bounds: [1, 2], prices: [0.4883, 0.5383, 0.7883]}}
                  - id: water
                    name: {en: Water, zh: 水费}
                    kind: metered
                    point: volume.forward.total
                    unit: m³
                    versions: [{from: 2020-01-01, price: 5.00}]
                """, 200);
        send("PUT", "/api/v1/sites/" + SITE + "/billing-accounts", "application/json",
                "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\",\"water\"]},"
                        + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"electricity\",\"water\"]},"
                        + "{\"unit\":\"b2-0101\",\"payer\":\"李娜\",\"feeItems\":[\"electricity\"]}]", 200);
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

    static HttpResponse<String> send(String method, String path, String type, String body, int status) throws Exception {
        return LocalTimeSite.send(hub, "bill-e2e-admin", method, path, type, body, status);
    }

    static List<Device> meters() {
        return site.devices().stream().filter(d -> d.serves() != null && d.serves().unit() != null).toList();
    }

    static Point billed(Device d) {
        return sim.device(d.id()).orElseThrow().profile().points().stream().filter(p -> p.billing() != null).findFirst().orElseThrow();
    }

    /** The register as a float32 meter sends it: near 100,000 m³ a float32 holds 1/128 of a unit, no finer. */
    static BigDecimal sent(BigDecimal register) {
        return new BigDecimal(Float.toString(register.floatValue())).setScale(3, RoundingMode.HALF_EVEN);
    }

    static boolean hubHasRegister(Device d) {
        SimDevice s = sim.device(d.id()).orElseThrow();
        BigDecimal want = sent(s.register(billed(d), sim.clock().now()).orElseThrow());
        return hub.store().latest(SITE, d.id()).stream().filter(p -> p.point().equals(billed(d).name()) && p.isGood())
                .anyMatch(p -> BigDecimal.valueOf(p.number()).setScale(3, RoundingMode.HALF_EVEN).subtract(want).abs().compareTo(new BigDecimal("0.01")) < 0);
    }

    static Map<String, BigDecimal> trueTotals() {
        Map<String, BigDecimal> out = new HashMap<>();
        for (Device d : meters()) {
            out.put(d.id(), sim.device(d.id()).orElseThrow().trueTotal(billed(d), sim.clock().now()).orElseThrow());
        }
        return out;
    }

    static void awaitRegisters(String when) {
        Await.until("the hub holding every meter's register " + when, Duration.ofSeconds(60), () -> meters().stream().allMatch(BillRunEndToEndTest::hubHasRegister));
    }

    @Test
    void everyUnitsBilledQuantityIsWhatItsMetersCountedThroughAReplacementInPlaceAndARollover() throws Exception {
        awaitRegisters("before the period");
        assertTrue(Instant.now().isBefore(midnight.minusSeconds(2)), "the system took more than 90 s to start; the period's first midnight passed");
        while (Instant.now().isBefore(midnight.plusSeconds(2))) {
            Thread.sleep(200);
        }
        Map<String, BigDecimal> before = trueTotals();

        // b1-0101's meter is replaced in place: the new one counts from 0; the hub is told when, with both readings
        SimDevice old = sim.device("b1-0101-em").orElseThrow();
        Instant asked = Instant.now();
        sim.scenarios().start("replacement", "b1-0101-em", Map.of("initial", "0"));
        MeterEvent swap = old.events().get(old.events().size() - 1);
        Await.until("the new meter's first reading", Duration.ofSeconds(30), () -> hub.store().history(SITE, "b1-0101-em", "energy.import.total", asked,
                Instant.now().plusSeconds(1), 10_000).stream().anyMatch(p -> p.number() != null && p.number() < 1));
        StoredPoint first = hub.store().history(SITE, "b1-0101-em", "energy.import.total", asked, Instant.now().plusSeconds(1), 10_000).stream()
                .filter(p -> p.number() != null && p.number() < 1).findFirst().orElseThrow();
        send("POST", "/api/v1/sites/" + SITE + "/meter-replacements", "application/json", "{\"oldDevice\":\"b1-0101-em\",\"newDevice\":\"b1-0101-em\",\"at\":\""
                + first.time().minusMillis(1) + "\",\"finalReading\":\"" + swap.oldReading().toPlainString() + "\",\"initialReading\":\""
                + swap.newReading().toPlainString() + "\"}", 200);

        // six simulated hours, an hour at a time: every meter moves, b1-0102's water meter wraps past 100,000 m³
        for (int hour = 0; hour < 6; hour++) {
            sim.clock().advance(Duration.ofHours(1));
            awaitRegisters((hour + 1) + " h later");
        }
        Map<String, BigDecimal> after = trueTotals();

        LocalDate day = midnight.atOffset(zone).toLocalDate();
        JsonNode bills = JSON.readTree(send("GET", "/api/v1/sites/" + SITE + "/bill-preview?from=" + day + "&to=" + day.plusDays(1), null, null, 200).body());
        int compared = 0;
        for (JsonNode bill : bills) {
            String unit = bill.get("unit").asText();
            assertEquals(0, bill.get("anomalies").size(), unit + ": " + bill.get("anomalies"));
            for (String fee : List.of("electricity", "water")) {
                BigDecimal billed = BigDecimal.ZERO;
                boolean has = false;
                for (JsonNode l : bill.get("lines")) {
                    if (l.get("feeItem").asText().equals(fee) && (l.get("kind").asText().equals("tier"))) {
                        billed = billed.add(new BigDecimal(l.get("quantity").asText()));
                        has = true;
                    }
                }
                if (!has) {
                    continue;
                }
                String point = fee.equals("electricity") ? "energy.import.total" : "volume.forward.total";
                BigDecimal truth = meters().stream().filter(d -> unit.equals(d.serves().unit()) && billed(d).name().equals(point))
                        .map(d -> after.get(d.id()).subtract(before.get(d.id()))).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertTrue(truth.signum() > 0, unit + " " + fee + " used something in six hours");
                // a float32 register near 100,000 m³ is sent to 1/128 m³: the wrapping meter is compared to that, the others exactly
                BigDecimal tolerance = unit.equals("b1-0102") && fee.equals("water") ? new BigDecimal("0.016") : BigDecimal.ZERO;
                assertTrue(billed.subtract(truth).abs().compareTo(tolerance) <= 0, unit + " " + fee + ": billed " + billed + ", the meters counted " + truth);
                compared++;
            }
        }
        assertEquals(5, compared, "b1-0101 and b1-0102 electricity and water, b2-0101 electricity");

        String from = URLEncoder.encode(midnight.toString(), StandardCharsets.UTF_8);
        String to = URLEncoder.encode(Instant.now().toString(), StandardCharsets.UTF_8);
        JsonNode replaced = JSON.readTree(send("GET", "/api/v1/sites/" + SITE + "/consumption?target=b1-0101&point=energy.import.total&from=" + from
                + "&to=" + to, null, null, 200).body());
        assertEquals(2, replaced.get("segments").size(), "the old meter, then the new one at the same address: " + replaced);
        JsonNode wrapped = JSON.readTree(send("GET", "/api/v1/sites/" + SITE + "/consumption?target=b1-0102-wm&point=volume.forward.total&from=" + from
                + "&to=" + to, null, null, 200).body());
        assertEquals(1, wrapped.get("segments").get(0).get("rollovers").asInt(), "the water meter wrapped inside the period: " + wrapped);
    }
}
