package org.lintel.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lintel.sim.api.HttpApi;

/**
 * Starts the test site (src/test/resources/sites/sim-test.yaml) on loopback with its own port offset, so test
 * classes never collide with each other or with a running demo, and runs third-party clients against it.
 */
public final class SimHarness implements AutoCloseable {

    // below the kernel's ephemeral range (32768-60999) with every port of the site (4840 to 15025): a port in that range
    // can be taken at any moment as the source port of an outgoing connection, and the simulator then cannot bind it
    static final AtomicInteger NEXT_OFFSET = new AtomicInteger(1000 + (int) (ProcessHandle.current().pid() % 50) * 200);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Simulation sim;
    public final HttpApi api;
    public final int offset;

    private SimHarness(Simulation sim, HttpApi api, int offset) {
        this.sim = sim;
        this.api = api;
        this.offset = offset;
    }

    public static SimHarness start(double speed) throws Exception {
        return start(speed, SimulationOptions.defaults().coapRefresh());
    }

    /** @param coapRefresh how often CoAP observers hear of values that drift by themselves */
    public static SimHarness start(double speed, java.time.Duration coapRefresh) throws Exception {
        int offset = NEXT_OFFSET.getAndAdd(20);
        Path data = Files.createTempDirectory("lintel-sim-test");
        SimulationOptions o = SimulationOptions.defaults().withPortOffset(offset).withHttpPort(0).withSpeed(speed).withDataDir(data)
                .withCoapRefresh(coapRefresh);
        Simulation sim = Simulation.start(site(), o);
        HttpApi api = new HttpApi(sim, new InetSocketAddress(o.bind(), 0));
        return new SimHarness(sim, api, offset);
    }

    public static Path site() {
        try {
            return Path.of(SimHarness.class.getClassLoader().getResource("sites/sim-test.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result of a command-line client run. */
    public record Run(int exit, String output) {
    }

    /** Runs a command (mbpoll, coap-client, socat …) with a hard time limit and returns its exit code and output. */
    public static Run run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** mbpoll over Modbus TCP against a port of the test site (site port + offset), one poll. */
    public Run mbpollTcp(int sitePort, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mbpoll", "-m", "tcp", "-1", "-p", Integer.toString(sitePort + offset)));
        cmd.addAll(List.of(args));
        cmd.add("127.0.0.1");
        return run(20, cmd.toArray(String[]::new));
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return http("GET", path, null);
    }

    public JsonNode post(String path, String json) throws IOException, InterruptedException {
        return http("POST", path, json);
    }

    public JsonNode delete(String path) throws IOException, InterruptedException {
        return http("DELETE", path, null);
    }

    public HttpResponse<String> raw(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode http(String method, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = raw(method, path, json);
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + " → " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Starts a scenario through the HTTP API and returns its id. */
    public String scenario(String type, String device, String paramsJson) throws IOException, InterruptedException {
        return post("/scenarios", "{\"type\":\"" + type + "\",\"device\":\"" + device + "\",\"params\":" + (paramsJson == null ? "{}" : paramsJson) + "}")
                .get("id").asText();
    }

    @Override
    public void close() {
        api.close();
        sim.close();
    }
}
