package org.lintel.hub.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.PrometheusServer;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.energy.EnergyDayMeters;
import org.yaml.snakeyaml.Yaml;

/**
 * The provisioned Grafana dashboards in docker/grafana, every query of every panel and variable run as Grafana would
 * run it: the readings' InfluxQL against a real InfluxDB the hub stored two hours of simulated meters in, the hub's
 * PromQL against a real Prometheus (Debian's) scraping the hub with the repository's prometheus.yml. Grafana itself is
 * not packaged for Debian nor npm, so its own rendering is not exercised here.
 */
class GrafanaDashboardsTest {

    static final Path DOCKER = Path.of("..", "docker");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static InfluxServer influx;
    static PrometheusServer prometheus;
    static Hub hub;
    static EnergyDayMeters meters;
    static Instant from;
    static Instant to;

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start();
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?q=" + enc("CREATE DATABASE lintel")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        hub = Hub.start(HubConfig.embedded(TestFolders.passable("hub-grafana"), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("energy-day.yaml"))).withAdminToken("grafana-admin").withInflux(influx.url(), "lintel"));
        to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        from = to.minus(Duration.ofHours(2));
        meters = EnergyDayMeters.since(from.minus(Duration.ofHours(1)));
        meters.send(hub, from, to, Duration.ofMinutes(5), (device, t) -> false);
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), EnergyDayMeters.SITE, "gw-d1", "gw-d1", "d1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", new LinkedHashMap<>(Map.of("energy.import.total", "kWh")));
            gw.timedOut("b1-0101-em", "energy.import.total", to.minusSeconds(30));
            gw.client.publish("spBv1.0/" + EnergyDayMeters.SITE + "/DDATA/gw-d1/b1-0101-em", new MqttMessage("not protobuf".getBytes()))
                    .waitForCompletion(5000);
        }
        Await.until("the timed-out read stored", Duration.ofSeconds(20), () -> hub.store().latest(EnergyDayMeters.SITE, "b1-0101-em").stream()
                .anyMatch(p -> !p.isGood()));
        Await.until("the bad payload counted", Duration.ofSeconds(10), () -> hub.metrics().rejectedCount("malformed-payload") > 0);

        String config = Files.readString(DOCKER.resolve("prometheus/prometheus.yml")).replace("hub:8080", "127.0.0.1:" + hub.apiPort())
                .replace("15s", "1s");
        prometheus = PrometheusServer.start(config);
        Await.until("ten scrapes of the hub", Duration.ofSeconds(60), () -> {
            JsonNode r = prom("count_over_time(up{job=\"lintel-hub\"}[1m])");
            return r.size() == 1 && r.get(0).get("value").get(1).asDouble() >= 10;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        hub.close();
        influx.close();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode dashboard(String name) throws Exception {
        return JSON.readTree(DOCKER.resolve("grafana/dashboards/" + name).toFile());
    }

    /** An instant query's result vector; fails on any error Prometheus reports (a bad expression, say). */
    static JsonNode prom(String expr) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus.url() + "/api/v1/query?query=" + enc(expr))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("success", body.get("status").asText(), expr + " → " + r.body());
            return body.get("data").get("result");
        } catch (Exception e) {
            throw new AssertionError(expr, e);
        }
    }

    /** An InfluxQL query's series, with the dashboard's variables set as Grafana would set them ("All" for the multi ones). */
    static JsonNode influxQl(String query) throws Exception {
        String q = query.replace("$timeFilter", "time >= '" + from + "' AND time <= '" + to + "'").replace("$__interval", "10m")
                .replace("$energyCounter", "energy.import.total").replace("$waterCounter", "volume.forward.total").replace("$site", EnergyDayMeters.SITE).replace("$building", ".*").replace("$device", ".*").replace("$point", ".*");
        assertFalse(java.util.regex.Pattern.compile("\\$[a-zA-Z_]").matcher(q).find(), "a variable the test does not set: " + q);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=lintel&epoch=ms&q=" + enc(q))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), q + " → " + r.body());
        JsonNode result = JSON.readTree(r.body()).get("results").get(0);
        assertFalse(result.has("error"), q + " → " + result);
        assertTrue(result.has("series") && result.get("series").size() > 0, "no data for " + q);
        return result.get("series");
    }

    static List<JsonNode> targets(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(out::add));
        return out;
    }

    @Test
    void everyPanelAndVariableAsksForADataSourceThatIsProvisionedAndTheFilesAreWellFormed() throws Exception {
        Map<String, Object> sources = new Yaml().load(Files.readString(DOCKER.resolve("grafana/provisioning/datasources/lintel.yaml")));
        Set<String> uids = new HashSet<>();
        for (Object s : (List<?>) sources.get("datasources")) {
            uids.add((String) ((Map<?, ?>) s).get("uid"));
        }
        assertEquals(Set.of("lintel-influxdb", "lintel-prometheus"), uids);
        Map<String, Object> provider = new Yaml().load(Files.readString(DOCKER.resolve("grafana/provisioning/dashboards/lintel.yaml")));
        assertEquals(1, provider.get("apiVersion"));

        Set<String> dashboardUids = new HashSet<>();
        try (var files = Files.list(DOCKER.resolve("grafana/dashboards"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode d = JSON.readTree(f.toFile());
                String name = f.getFileName().toString();
                assertTrue(dashboardUids.add(d.get("uid").asText()), "two dashboards with uid " + d.get("uid"));
                assertTrue(d.get("title").asText().contains("Lintel"), name);
                Set<Integer> ids = new HashSet<>();
                for (JsonNode p : d.get("panels")) {
                    assertTrue(ids.add(p.get("id").asInt()), name + ": panel id " + p.get("id") + " twice");
                    JsonNode g = p.get("gridPos");
                    assertTrue(g.get("x").asInt() + g.get("w").asInt() <= 24, name + ": " + p.get("title") + " is wider than the grid");
                    assertTrue(uids.contains(p.get("datasource").get("uid").asText()), name + ": " + p.get("title"));
                    assertTrue(p.get("targets").size() > 0, name + ": " + p.get("title") + " has no query");
                    p.get("targets").forEach(t -> assertTrue(uids.contains(t.get("datasource").get("uid").asText()), name + ": " + p.get("title")));
                }
                d.get("templating").get("list").forEach(v -> assertTrue(v.get("type").asText().equals("custom")
                        || uids.contains(v.get("datasource").get("uid").asText()), name + ": $" + v.get("name")));
            }
        }
        assertEquals(Set.of("lintel-hub", "lintel-readings"), dashboardUids);
    }

    @Test
    void prometheusAcceptsTheRepositorysConfiguration() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/promtool", "check", "config", DOCKER.resolve("prometheus/prometheus.yml").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void everyHubPanelsQueryAnswersWithDataFromPrometheusScrapingTheHub() throws Exception {
        List<JsonNode> targets = targets(dashboard("lintel-hub.json"));
        assertEquals(16, targets.size());
        for (JsonNode t : targets) {
            // Grafana's $__rate_interval is at least four scrape intervals
            String expr = t.get("expr").asText().replace("$__rate_interval", "5s");
            assertTrue(prom(expr).size() > 0, "no series for " + expr);
        }
        JsonNode rejected = prom("sum by (reason) (lintel_hub_rejected_messages_total)");
        assertTrue(rejected.toString().contains("malformed-payload"), rejected.toString());
    }

    @Test
    void everyReadingsPanelAndVariableAnswersFromTheHubsInfluxDb() throws Exception {
        JsonNode d = dashboard("lintel-readings.json");
        for (JsonNode v : d.get("templating").get("list")) {
            if (v.get("type").asText().equals("custom")) {
                continue; // a list written in the dashboard, no query
            }
            JsonNode series = influxQl(v.get("query").asText());
            if (v.get("name").asText().equals("site")) {
                assertEquals("[[\"site\",\"energy-day\"]]", series.get(0).get("values").toString());
            }
        }
        for (JsonNode t : targets(d)) {
            influxQl(t.get("query").asText());
        }
    }

    @Test
    void theWaterPanelsAdvanceAddsUpToWhatTheLeakingMeterMeasured() throws Exception {
        JsonNode water = null;
        for (JsonNode p : dashboard("lintel-readings.json").get("panels")) {
            if (p.get("title").asText().contains("Water meters")) {
                water = p.get("targets").get(0);
            }
        }
        double sum = 0;
        for (JsonNode s : influxQl(water.get("query").asText())) {
            if (s.get("tags").get("device").asText().equals(EnergyDayMeters.LEAKING)) {
                for (JsonNode row : s.get("values")) {
                    sum += row.get(1).isNull() ? 0 : row.get(1).asDouble();
                }
            }
        }
        // readings every 5 minutes from `from`, the last before `to`; the panel takes each 10-minute bucket's last
        // reading and adds their differences, so it spans the first bucket's last reading to the last reading
        Instant firstBucketEnd = Instant.ofEpochSecond((from.getEpochSecond() / 600 + 1) * 600);
        Instant firstBucketLast = from;
        while (firstBucketLast.plus(Duration.ofMinutes(5)).isBefore(firstBucketEnd)) {
            firstBucketLast = firstBucketLast.plus(Duration.ofMinutes(5));
        }
        Instant last = to.minus(Duration.ofMinutes(5));
        double truth = meters.register(EnergyDayMeters.LEAKING, last).subtract(meters.register(EnergyDayMeters.LEAKING, firstBucketLast)).doubleValue();
        assertTrue(truth > 0.05, "a 30 L/h leak over two hours: " + truth);
        assertEquals(truth, sum, 1e-6);
    }
}
