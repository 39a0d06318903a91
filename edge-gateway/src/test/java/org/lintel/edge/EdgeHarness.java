package org.lintel.edge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lintel.edge.normalize.ReadingBatch;
import org.lintel.reading.Reading;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.sim.api.HttpApi;
import org.lintel.site.SiteLoader;

/**
 * The simulators serving src/test/resources/sites/edge-test.yaml and a gateway polling them into a collecting sink.
 */
final class EdgeHarness implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Simulation sim;
    final HttpApi api;
    final EdgeGateway gateway;
    private final List<ReadingBatch> batches;
    final Path dataDir;

    private EdgeHarness(Simulation sim, HttpApi api, EdgeGateway gateway, List<ReadingBatch> batches, Path dataDir) {
        this.sim = sim;
        this.api = api;
        this.gateway = gateway;
        this.batches = batches;
        this.dataDir = dataDir;
    }

    static Path site() {
        try {
            return Path.of(EdgeHarness.class.getClassLoader().getResource("sites/edge-test.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EdgeHarness start(double speed) throws Exception {
        SimulationOptions o = SimulationOptions.defaults().withHttpPort(0).withSpeed(speed)
                .withDataDir(Files.createTempDirectory("lintel-edge-sim"));
        // the simulators listen where the site file says: on ports free now, not fixed ones in the ephemeral range
        Path site = TestSites.withFreePorts("sites/edge-test.yaml", EdgeTestPorts.ALL).file();
        Simulation sim = Simulation.start(site, o);
        HttpApi api = new HttpApi(sim, new InetSocketAddress(o.bind(), 0));
        SiteLoader.Loaded loaded = SiteLoader.load(site);
        List<ReadingBatch> sink = new CopyOnWriteArrayList<>();
        Path data = Files.createTempDirectory("lintel-edge");
        EdgeGateway gw = new EdgeGateway(loaded.orThrow(), loaded.profiles(), "gw-b1", sink::add,
                new EdgeGateway.Options(Duration.ofSeconds(5), org.lintel.edge.modbus.RequestPlanner.Options.DEFAULT,
                        Duration.ofSeconds(2), Duration.ofSeconds(3), data));
        EdgeHarness h = new EdgeHarness(sim, api, gw, sink, data);
        gw.start();
        return h;
    }

    /** A reading of good quality. */
    static boolean good(Reading r) {
        return r.quality().isGood();
    }

    List<Reading> readings() {
        List<Reading> all = new ArrayList<>();
        for (ReadingBatch b : batches) {
            all.addAll(b.readings());
        }
        return all;
    }

    /** The latest reading of a point received after {@code since} that matches, waiting up to {@code timeout}. */
    Reading await(String device, String point, java.time.Instant since, Predicate<Reading> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Optional<Reading> r = latest(device, point, since);
            if (r.isPresent() && match.test(r.get())) {
                return r.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no reading of " + device + "/" + point + " matching within " + timeout + "; latest: "
                + latest(device, point, since).orElse(null));
    }

    Optional<Reading> latest(String device, String point, java.time.Instant since) {
        Reading last = null;
        for (Reading r : readings()) {
            if (r.deviceId().equals(device) && r.point().equals(point) && !r.gatewayTime().isBefore(since)) {
                last = r;
            }
        }
        return Optional.ofNullable(last);
    }

    JsonNode http(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    String scenario(String type, String device, String params) throws IOException, InterruptedException {
        return http("POST", "/scenarios", "{\"type\":\"" + type + "\",\"device\":\"" + device + "\",\"params\":" + (params == null ? "{}" : params) + "}")
                .get("id").asText();
    }

    void endScenario(String id) throws IOException, InterruptedException {
        http("DELETE", "/scenarios/" + id, null);
    }

    @Override
    public void close() {
        gateway.close();
        api.close();
        sim.close();
    }
}
