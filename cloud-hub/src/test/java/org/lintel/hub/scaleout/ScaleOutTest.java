package org.lintel.hub.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.telemetry.timeseries.InfluxTimeSeriesStore;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * Lintel scaled out by Sparkplug group: two hub instances (each its own process and host id) sharing one PostgreSQL
 * and one InfluxDB, a two-node ActiveMQ Artemis cluster, four gateways on two sites publishing as fast as they are
 * acknowledged. One hub instance is killed with SIGKILL and started again, then one broker node; then the two sites
 * swap instances. Every acknowledged reading is stored, each exactly once and nothing else; the moved site keeps its
 * alarm and its bill run, served by its new instance; each instance refuses the other's site (421).
 */
@org.junit.jupiter.api.Tag("scale-out")
class ScaleOutTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "scale-out-admin";
    static final List<String> METERS_1 = List.of("b1-0101-em", "b1-0102-em");
    static final List<String> METERS_2 = List.of("b1-0103-em", "b1-0104-em");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        java.util.Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** One hub instance in its own process, on fixed ports and data folder across restarts. */
    static final class Instance implements AutoCloseable {
        final String name;
        final Path data;
        final int http;
        private Process process;
        private final List<String> common;

        Instance(String name, List<String> common) throws IOException {
            this.name = name;
            this.data = TestFolders.passable("scale-" + name);
            this.http = TestFolders.freePort();
            this.common = common;
        }

        void start(String groups, String brokers, String... sites) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx320m", "-cp",
                    System.getProperty("java.class.path"), "org.lintel.hub.app.HubMain", "--data", data.toString(), "--http-host", "127.0.0.1",
                    "--http-port", String.valueOf(http), "--host-id", name, "--groups", groups, "--mqtt-url", brokers, "--mqtt-consumers", "2"));
            command.addAll(common);
            for (String s : sites) {
                command.addAll(List.of("--site", TestFolders.site(s).toAbsolutePath().toString()));
            }
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("hub.log").toFile()));
            b.environment().put("LINTEL_ADMIN_TOKEN", TOKEN);
            b.environment().put("LINTEL_POSTGRES_PASSWORD", TestPostgres.password());
            process = b.start();
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited: " + Files.readString(data.resolve("hub.log")));
                }
                try {
                    if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(200);
            }
            throw new AssertionError(name + " did not answer /health in 120 s");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGTERM: the shutdown hook announces STATE offline, takes what is still on its way, then closes. */
        void stopGracefully() throws InterruptedException {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " did not stop in 60 s");
        }

        HttpResponse<String> call(String method, String path, String body, String type) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + path)).header("Authorization", "Bearer " + TOKEN)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (type != null) {
                r.header("Content-Type", type);
            }
            return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = call("GET", path, null, null);
            assertEquals(200, r.statusCode(), name + " GET " + path + ": " + r.body());
            return r.body();
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(List<LoadGateway> gateways, Duration d) throws InterruptedException {
        int before = gateways.stream().mapToInt(LoadGateway::total).sum();
        Thread.sleep(d.toMillis());
        int after = gateways.stream().mapToInt(LoadGateway::total).sum();
        System.out.printf("event=scale-out-phase readings=%d next=%s%n", after - before, gateways.stream().map(g -> String.valueOf(g.total())).toList());
    }

    private static List<String> alarms(Instance owner, String site) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : JSON.readTree(owner.get("/api/v1/sites/" + site + "/alarms?state=all"))) {
            out.add(a.get("id").asText() + " " + a.get("device").asText() + " " + a.get("type").asText() + " " + a.get("state").asText());
        }
        return out;
    }

    @Test
    void twoHubInstancesOnATwoNodeBrokerClusterStoreEveryAcknowledgedReadingOnceThroughKillsAndASiteSwap() throws Exception {
        // the nodes do not forward: each hub instance is connected to both (PrimaryHost), whichever a gateway publishes to
        ArtemisCluster brokers = new ArtemisCluster(false);
        open.add(brokers);
        InfluxServer influx = InfluxServer.start();
        open.add(influx);
        String database = TestPostgres.newDatabaseUrl();
        List<String> common = List.of("--postgres-url", database, "--postgres-user", TestPostgres.USER, "--influx-url", influx.url());
        Instance a = new Instance("hub-a", common);
        Instance b = new Instance("hub-b", common);
        open.add(a);
        open.add(b);
        a.start("scale-a", brokers.urls(0), "scale-a.yaml");
        b.start("scale-b", brokers.urls(1), "scale-b.yaml");

        Instant start = Instant.now().minus(Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<LoadGateway> gateways = List.of(
                // a site's gateways list its hub instance's broker node first (docs/operations.md): no message crosses nodes
                // unless one is down; one gateway per site starts on the other node anyway, as after a failover
                new LoadGateway("scale-a", "gw-a1", "scale-a-host", METERS_1, List.of(brokers.url(0), brokers.url(1)), start),
                new LoadGateway("scale-a", "gw-a2", "scale-a-host", METERS_2, List.of(brokers.url(1), brokers.url(0)), start),
                new LoadGateway("scale-b", "gw-b1", "scale-b-host", METERS_1, List.of(brokers.url(1), brokers.url(0)), start),
                new LoadGateway("scale-b", "gw-b2", "scale-b-host", METERS_2, List.of(brokers.url(0), brokers.url(1)), start));
        gateways.forEach(LoadGateway::start);
        try {
            run(gateways, Duration.ofSeconds(6));
            // site b: a fire, and a bill run, before it moves
            gateways.get(3).fire("b1-f01-smoke");
            assertEquals(200, b.call("PUT", "/api/v1/sites/scale-b/tariff?name=scale.tariffs.yaml", """
                    site: scale-b
                    feeItems:
                      - id: property-fee
                        name: {en: Property fee, zh: 物业费}
                        kind: area
                        versions: [{from: 2026-01-01, price: 2.80}]
                    """, "application/yaml").statusCode());
            assertEquals(200, b.call("PUT", "/api/v1/sites/scale-b/billing-accounts",
                    "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"property-fee\"]}]", "application/json").statusCode());
            long run = JSON.readTree(b.call("POST", "/api/v1/sites/scale-b/bill-runs", "{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}",
                    "application/json").body()).get("id").asLong();
            String billRun = b.get("/api/v1/bill-runs/" + run);
            Await.until("the fire on site b", Duration.ofSeconds(30), () -> {
                try {
                    return alarms(b, "scale-b").stream().anyMatch(x -> x.contains("b1-f01-smoke fire active"));
                } catch (Exception e) {
                    return false;
                }
            });
            assertEquals(421, a.call("GET", "/api/v1/sites/scale-b/devices", null, null).statusCode(), "hub-a refuses site b");

            a.kill();
            run(gateways, Duration.ofSeconds(3));
            a.start("scale-a", brokers.urls(0), "scale-a.yaml");
            run(gateways, Duration.ofSeconds(6));

            brokers.kill(0);
            run(gateways, Duration.ofSeconds(6));
            brokers.start(0);
            // the hubs reconnect to it, and what it had accepted before it died comes out of its journal
            run(gateways, Duration.ofSeconds(8));

            // the swap: both stop (each drains what its gateways sent before they heard STATE offline), then each takes the other's site
            List<String> alarmsBefore = alarms(b, "scale-b");
            a.stopGracefully();
            b.stopGracefully();
            a.start("scale-b", brokers.urls(0), "scale-b.yaml");
            b.start("scale-a", brokers.urls(1), "scale-a.yaml");
            run(gateways, Duration.ofSeconds(6));
            assertEquals(alarmsBefore, alarms(a, "scale-b"), "site b's alarms, now served by hub-a");
            assertEquals(billRun, a.get("/api/v1/bill-runs/" + run), "site b's bill run, now served by hub-a");
            assertEquals(421, b.call("GET", "/api/v1/sites/scale-b/devices", null, null).statusCode(), "hub-b refuses site b now");
            String alarmId = alarmsBefore.stream().filter(x -> x.contains("b1-f01-smoke")).findFirst().orElseThrow().split(" ")[0];
            // requests by id are about a site too: the instance that gave site b away neither writes nor answers for it
            assertEquals(421, b.call("POST", "/api/v1/alarms/" + alarmId + "/acknowledge", "{\"note\":\"误发 / misdirected\"}",
                    "application/json").statusCode(), "hub-b no longer acknowledges site b's alarms");
            assertEquals(421, b.call("GET", "/api/v1/bill-runs/" + run, null, null).statusCode(), "hub-b no longer answers for site b's bill run");
            assertEquals(200, b.call("GET", "/api/v1/sites/scale-a/devices", null, null).statusCode(), "hub-b answers for its new site a");
            assertEquals(200, a.call("POST", "/api/v1/alarms/" + alarmId + "/acknowledge", "{\"note\":\"接管后确认 / acknowledged after the move\"}",
                    "application/json").statusCode(), "the new owner acknowledges the moved alarm");
        } finally {
            gateways.forEach(g -> g.pause(true));
        }
        // what the gateways still hold is delivered, then they stop
        Thread.sleep(2000);
        for (LoadGateway g : gateways) {
            g.stop();
        }

        try (InfluxTimeSeriesStore store = InfluxTimeSeriesStore.connect(influx.url(), null, null, "lintel")) {
            long acknowledged = 0;
            for (LoadGateway g : gateways) {
                String site = g == gateways.get(0) || g == gateways.get(1) ? "scale-a" : "scale-b";
                for (Map.Entry<String, Set<Instant>> e : g.acknowledged.entrySet()) {
                    Set<Instant> expected = e.getValue();
                    acknowledged += expected.size();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < deadline
                            && store.history(site, e.getKey(), LoadGateway.ENERGY, start, Instant.now(), 1_000_000).size() < expected.size()) {
                        Thread.sleep(500);
                    }
                    List<StoredPoint> stored = store.history(site, e.getKey(), LoadGateway.ENERGY, start, Instant.now(), 1_000_000);
                    Set<Instant> times = new HashSet<>();
                    stored.forEach(p -> times.add(p.time()));
                    assertEquals(stored.size(), times.size(), "no reading stored twice");
                    Set<Instant> missing = new java.util.TreeSet<>(expected);
                    missing.removeAll(times);
                    Set<Instant> extra = new java.util.TreeSet<>(times);
                    extra.removeAll(expected);
                    if (!missing.isEmpty() || !extra.isEmpty()) {
                        System.out.println("missing: " + missing.stream().limit(8).map(t -> Duration.between(start, t).toMillis()).toList()
                                + " extra: " + extra.stream().limit(8).map(t -> Duration.between(start, t).toMillis()).toList()
                                + " stored: " + stored.stream().limit(8).map(p -> Duration.between(start, p.time()).toMillis() + "=" + p.number()).toList());
                        gateways.forEach(x -> System.out.println("states " + x.states));
                        System.out.printf("event=scale-out-mismatch site=%s device=%s missing=%d extra=%d firstMissing=%s lastMissing=%s%n", site, e.getKey(),
                                missing.size(), extra.size(), missing.isEmpty() ? "-" : Duration.between(start, missing.iterator().next()).toMillis() / 10,
                                missing.isEmpty() ? "-" : Duration.between(start, ((java.util.TreeSet<Instant>) missing).last()).toMillis() / 10);
                    }
                    assertTrue(missing.isEmpty() && extra.isEmpty(), site + "/" + e.getKey() + ": " + expected.size() + " acknowledged, " + missing.size()
                            + " of them not stored, " + extra.size() + " stored that were never acknowledged");
                }
            }
            System.out.printf("event=scale-out-test acknowledged=%d reconnects=%d births=%d%n", acknowledged,
                    gateways.stream().mapToInt(g -> g.reconnects.get()).sum(), gateways.stream().mapToInt(g -> g.births.get()).sum());
            assertTrue(acknowledged > 1000, "load: " + acknowledged + " readings");
        }
    }
}
