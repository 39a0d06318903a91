package org.lintel.hub.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.yaml.snakeyaml.Yaml;

/**
 * The images' entry point run outside a container, as docker/compose.yaml would run it: the hub with the compose
 * file's own environment (its service host names replaced by this machine's servers: Debian's mosquitto configured
 * with docker/mosquitto/mosquitto.conf and the ACL the entry point writes, a real PostgreSQL and InfluxDB), then
 * the simulators and an edge gateway through the same script, each judged healthy by the images' health check.
 * Runs after packaging (failsafe), on the jars the images copy.
 */
class DeploymentEntryPointIT {

    private static final Path DOCKER = Path.of("../docker").toAbsolutePath().normalize();
    private final List<Process> started = new ArrayList<>();
    private InfluxServer influx;
    private Process broker;

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (broker != null) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (influx != null) {
            influx.stop();
        }
    }

    /** A folder laid out as /opt/lintel is in the images: the three jars under their image names. */
    private static Path lintelHome() throws IOException {
        Path home = TestFolders.passable("lintel-home");
        Files.createSymbolicLink(home.resolve("lintel-hub.jar"), Path.of("target/lintel-hub.jar").toAbsolutePath());
        Files.createSymbolicLink(home.resolve("lintel-edge.jar"), Path.of("../edge-gateway/target/lintel-edge.jar").toAbsolutePath().normalize());
        Files.createSymbolicLink(home.resolve("lintel-simulators.jar"), Path.of("../simulators/target/lintel-simulators.jar").toAbsolutePath().normalize());
        for (String jar : List.of("lintel-hub.jar", "lintel-edge.jar", "lintel-simulators.jar")) {
            assertTrue(Files.exists(home.resolve(jar)), jar + " is not built: this test runs after packaging (mvn verify)");
        }
        return home;
    }

    private static ProcessBuilder entryPoint(Map<String, String> env, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", DOCKER.resolve("entrypoint.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().keySet().removeIf(k -> k.startsWith("LINTEL_"));
        b.environment().putAll(env);
        if (log != null) {
            b.redirectOutput(log.toFile());
        } else {
            b.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return b;
    }

    private static int exitOf(ProcessBuilder b) throws Exception {
        Process p = b.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the entry point did not return");
        return p.exitValue();
    }

    private static String outputOf(Map<String, String> env, String... args) throws Exception {
        Process p = entryPoint(env, null, args).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue() + ": " + out;
    }

    private void awaitHealthy(String part, Map<String, String> env, Process running, Path log) throws Exception {
        poll(part + " healthy by the image's health check", Duration.ofSeconds(150), () -> {
            if (!running.isAlive()) {
                throw new AssertionError(part + " exited (" + running.exitValue() + "): " + Files.readString(log));
            }
            return exitOf(entryPoint(env, null, "health", part)) == 0;
        });
    }

    private static void poll(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
    }

    /** The hub service's environment in docker/compose.yaml, with ${...} from the given secrets. */
    private static Map<String, String> composeEnvironment(String service, Map<String, String> secrets) throws IOException {
        return composeEnvironment("compose.yaml", service, secrets);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> composeEnvironment(String file, String service, Map<String, String> secrets) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve(file)));
        Map<String, Object> s = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(service);
        Map<String, String> env = new HashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) s.get("environment")).entrySet()) {
            String value = String.valueOf(e.getValue());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{(\\w+)(:[-?][^}]*)?}").matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String v = secrets.get(m.group(1));
                if (v == null && m.group(2) != null && m.group(2).startsWith(":-")) {
                    v = m.group(2).substring(2);
                }
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(out);
            env.put(e.getKey(), out.toString());
        }
        return env;
    }

    @Test
    void theProductionComposeEnvironmentStartsHubSimulatorsAndGatewayThroughTheEntryPoint() throws Exception {
        Path home = lintelHome();
        Path work = TestFolders.passable("deployment");
        Path sites = Files.createDirectories(work.resolve("sites"));
        Path site = TestFolders.siteWithFreePorts("e2e.yaml", 39521, 39683, 39840);
        Files.copy(site, sites.resolve("e2e.yaml"));
        Map<String, String> secrets = Map.of("LINTEL_MQTT_PASSWORD", "hub-mqtt-secret", "LINTEL_POSTGRES_PASSWORD", TestPostgres.password(),
                "LINTEL_INFLUX_PASSWORD", "influx-secret", "LINTEL_ADMIN_PASSWORD", "Glass-Door-Lantern-77");
        Map<String, String> common = Map.of("LINTEL_HOME", home.toString(), "LINTEL_SITES_DIR", sites.toString(), "JAVA_OPTS", "-Xmx256m");

        // the broker as compose runs it: the ACL from the entry point, docker/mosquitto/mosquitto.conf with this folder's paths
        Map<String, String> acl = new HashMap<>(composeEnvironment("broker-acl", secrets));
        acl.putAll(common);
        Path brokerConfig = Files.createDirectories(work.resolve("broker"));
        assertEquals(0, exitOf(entryPoint(acl, work.resolve("acl.log"), "mosquitto-acl", brokerConfig.resolve("acl").toString())),
                Files.exists(work.resolve("acl.log")) ? Files.readString(work.resolve("acl.log")) : "");
        assertTrue(Files.readString(brokerConfig.resolve("acl")).contains("user lintel-hub-3\n"), "an ACL entry for each of the 4 consumers");
        Path passwd = brokerConfig.resolve("passwd");
        List<String[]> users = new ArrayList<>();
        users.add(new String[] {"gw-e2e", "e2e-secret"});
        for (String u : List.of("lintel-hub", "lintel-hub-1", "lintel-hub-2", "lintel-hub-3")) {
            users.add(new String[] {u, "hub-mqtt-secret"});
        }
        for (String[] u : users) {
            List<String> command = new ArrayList<>(List.of("mosquitto_passwd", "-b", passwd.toString(), u[0], u[1]));
            if (!Files.exists(passwd)) {
                command.add(1, "-c");
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        int mqtt = TestFolders.freePort();
        String conf = Files.readString(DOCKER.resolve("mosquitto/mosquitto.conf"))
                .replace("listener 1883", "listener " + mqtt + " 127.0.0.1")
                .replace("/mosquitto/config/lintel/", brokerConfig + "/")
                .replace("/mosquitto/data/", Files.createDirectories(work.resolve("broker-data")) + "/");
        Files.writeString(work.resolve("mosquitto.conf"), conf);
        broker = new ProcessBuilder("mosquitto", "-c", work.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.log").toFile()).start();

        influx = InfluxServer.start();
        String database = TestPostgres.newDatabaseUrl();
        Map<String, String> hubEnv = new HashMap<>(composeEnvironment("hub", secrets));
        assertEquals("tcp://broker:1883", hubEnv.get("LINTEL_MQTT_URL"));
        hubEnv.put("LINTEL_MQTT_URL", "tcp://127.0.0.1:" + mqtt);
        assertEquals("jdbc:postgresql://postgres:5432/lintel", hubEnv.get("LINTEL_POSTGRES_URL"));
        hubEnv.put("LINTEL_POSTGRES_URL", database);
        assertEquals("http://influxdb:8086", hubEnv.get("LINTEL_INFLUX_URL"));
        hubEnv.put("LINTEL_INFLUX_URL", influx.url());
        int http = TestFolders.freePort();
        hubEnv.putAll(common);
        hubEnv.put("LINTEL_HTTP_PORT", String.valueOf(http));
        hubEnv.put("LINTEL_DATA", work.resolve("hub-data").toString());
        // the admin token as a Docker secret: a file named by LINTEL_ADMIN_TOKEN_FILE
        Path tokenFile = work.resolve("admin-token");
        Files.writeString(tokenFile, "lt_deployment_test_token_0123456789");
        hubEnv.put("LINTEL_ADMIN_TOKEN_FILE", tokenFile.toString());
        Process hub = entryPoint(hubEnv, work.resolve("hub.log"), "hub").start();
        started.add(hub);
        awaitHealthy("hub", hubEnv, hub, work.resolve("hub.log"));

        Map<String, String> simEnv = new HashMap<>(common);
        int simHttp = TestFolders.freePort();
        simEnv.putAll(Map.of("LINTEL_DATA", work.resolve("sim-data").toString(), "LINTEL_SIM_HTTP_PORT", String.valueOf(simHttp), "LINTEL_SIM_BIND", "127.0.0.1"));
        Process sims = entryPoint(simEnv, work.resolve("simulators.log"), "simulators").start();
        started.add(sims);
        awaitHealthy("simulators", simEnv, sims, work.resolve("simulators.log"));

        Map<String, String> edgeEnv = new HashMap<>(common);
        edgeEnv.putAll(Map.of("LINTEL_DATA", work.resolve("edge-data").toString(), "LINTEL_GATEWAY", "gw-e2e",
                "LINTEL_BROKER", "tcp://127.0.0.1:" + mqtt, "LINTEL_METRICS_PORT", String.valueOf(TestFolders.freePort())));
        Process edge = entryPoint(edgeEnv, work.resolve("edge.log"), "edge").start();
        started.add(edge);
        awaitHealthy("edge", edgeEnv, edge, work.resolve("edge.log"));

        // readings went simulator → gateway (Modbus) → mosquitto (with the ACL) → hub → InfluxDB, and the API shows them
        HttpClient client = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        poll("the meter's energy register through the deployed system", Duration.ofSeconds(90), () -> {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/sites/e2e-garden/devices/b1-0101-em/latest"))
                    .header("Authorization", "Bearer lt_deployment_test_token_0123456789").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            JsonNode points = json.readTree(r.body());
            return points.toString().contains("energy.import.total");
        });
        HttpResponse<String> influxCount = client.send(HttpRequest.newBuilder(URI.create(influx.url()
                + "/query?db=lintel&q=" + java.net.URLEncoder.encode("SHOW MEASUREMENTS", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(influxCount.body().contains("values") || influxCount.body().contains("series"), "the hub wrote to InfluxDB: " + influxCount.body());
        assertTrue(Files.readString(work.resolve("hub.log")).contains("event=host-online"), "the hub announced itself on mosquitto");
    }

    /**
     * docker/compose.demo.yaml's environment (the hub with its embedded broker and stores, the simulators, a gateway
     * that reaches the hub by LINTEL_BROKER), on the end-to-end test site instead of the sample community, whose
     * simulators take fixed ports, and on free ports instead of the containers' own.
     */
    @Test
    void theDemoComposeEnvironmentStartsTheEmbeddedHubSimulatorsAndAGateway() throws Exception {
        Path home = lintelHome();
        Path work = TestFolders.passable("deployment-demo");
        Path site = TestFolders.siteWithFreePorts("e2e.yaml", 39521, 39683, 39840);
        Map<String, String> hubEnv = new HashMap<>(composeEnvironment("compose.demo.yaml", "hub", Map.of()));
        assertEquals("/opt/lintel/site/sample-community.yaml", hubEnv.get("LINTEL_SITES"));
        int http = TestFolders.freePort();
        int mqtt = TestFolders.freePort();
        hubEnv.putAll(Map.of("LINTEL_HOME", home.toString(), "LINTEL_SITES", site.toString(), "LINTEL_DATA", work.resolve("hub").toString(),
                "LINTEL_HTTP_PORT", String.valueOf(http), "LINTEL_MQTT_PORT", String.valueOf(mqtt),
                "LINTEL_POSTGRES_PORT", String.valueOf(TestFolders.freePort()), "LINTEL_ADMIN_TOKEN", "lt_demo_deployment_token_0123456789",
                "JAVA_OPTS", "-Xmx256m"));
        Process hub = entryPoint(hubEnv, work.resolve("hub.log"), "hub").start();
        started.add(hub);
        awaitHealthy("hub", hubEnv, hub, work.resolve("hub.log"));

        Map<String, String> simEnv = new HashMap<>(composeEnvironment("compose.demo.yaml", "simulators", Map.of()));
        simEnv.putAll(Map.of("LINTEL_HOME", home.toString(), "LINTEL_SITES", site.toString(), "LINTEL_DATA", work.resolve("sim").toString(),
                "LINTEL_SIM_HTTP_PORT", String.valueOf(TestFolders.freePort()), "JAVA_OPTS", "-Xmx256m"));
        Process sims = entryPoint(simEnv, work.resolve("simulators.log"), "simulators").start();
        started.add(sims);
        awaitHealthy("simulators", simEnv, sims, work.resolve("simulators.log"));

        Map<String, String> edgeEnv = new HashMap<>(composeEnvironment("compose.demo.yaml", "edge-b1", Map.of()));
        assertEquals("tcp://hub:1883", edgeEnv.get("LINTEL_BROKER"));
        edgeEnv.putAll(Map.of("LINTEL_HOME", home.toString(), "LINTEL_SITES", site.toString(), "LINTEL_DATA", work.resolve("edge").toString(),
                "LINTEL_GATEWAY", "gw-e2e", "LINTEL_BROKER", "tcp://127.0.0.1:" + mqtt, "LINTEL_METRICS_PORT", String.valueOf(TestFolders.freePort()),
                "JAVA_OPTS", "-Xmx256m"));
        Process edge = entryPoint(edgeEnv, work.resolve("edge.log"), "edge").start();
        started.add(edge);
        awaitHealthy("edge", edgeEnv, edge, work.resolve("edge.log"));
        HttpClient client = HttpClient.newHttpClient();
        poll("the meter's energy register through the demo's embedded hub", Duration.ofSeconds(90), () -> {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/sites/e2e-garden/devices/b1-0101-em/latest"))
                    .header("Authorization", "Bearer lt_demo_deployment_token_0123456789").build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("energy.import.total");
        });
    }

    @Test
    void theEntryPointRefusesAnEdgeWithoutItsGatewayAndASecretGivenTwice() throws Exception {
        Path sites = TestFolders.passable("deployment-sites");
        Files.copy(TestFolders.site("e2e.yaml"), sites.resolve("e2e.yaml"));
        Map<String, String> env = new HashMap<>(Map.of("LINTEL_HOME", lintelHome().toString(), "LINTEL_SITES_DIR", sites.toString()));
        String edge = outputOf(env, "edge");
        assertTrue(edge.startsWith("2: ") && edge.contains("LINTEL_GATEWAY is not set"), edge);
        Path secret = Files.createTempFile("secret", "");
        env.put("LINTEL_MQTT_PASSWORD", "one");
        env.put("LINTEL_MQTT_PASSWORD_FILE", secret.toString());
        String twice = outputOf(env, "hub");
        assertTrue(twice.startsWith("2: ") && twice.contains("both LINTEL_MQTT_PASSWORD and LINTEL_MQTT_PASSWORD_FILE"), twice);
        String none = outputOf(Map.of("LINTEL_HOME", lintelHome().toString(), "LINTEL_SITES_DIR", TestFolders.passable("empty").toString()), "hub");
        assertTrue(none.startsWith("2: ") && none.contains("no site file"), none);
    }
}
