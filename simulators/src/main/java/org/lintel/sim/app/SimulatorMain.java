package org.lintel.sim.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;
import org.lintel.sim.api.HttpApi;
import org.lintel.sim.generate.SiteGenerator;

/**
 * The simulators' command line.
 *
 * <pre>
 * java -jar lintel-simulators.jar --site site.yaml [--seed 42] [--speed 60] [--start 2026-11-01T00:00:00Z]
 *                                  [--http-port 8090] [--port-offset 0] [--bind 127.0.0.1] [--data data/simulators]
 * java -jar lintel-simulators.jar scenario start fire b1-f01-smoke [fireAfter=10s] [--api http://127.0.0.1:8090]
 * java -jar lintel-simulators.jar scenario stop s1 | scenario list
 * java -jar lintel-simulators.jar clock advance 30d | clock speed 720 | clock
 * java -jar lintel-simulators.jar generate --buildings 20 --floors 30 --units-per-floor 4 [--lifts 2] [--out site.yaml]
 * </pre>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("lintel-simulators: " + e.getMessage());
            System.exit(2);
        } catch (InvalidConfigurationException e) {
            System.err.print(e.problems());
            System.exit(1);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        return switch (args[0]) {
            case "generate" -> generate(options(args, 1));
            case "scenario" -> scenario(args);
            case "clock" -> clock(args);
            default -> serve(options(args, 0));
        };
    }

    private static void usage() {
        System.err.println("""
                usage:
                  java -jar lintel-simulators.jar --site <site.yaml> [--seed 42] [--speed 1] [--start 2026-11-01T00:00:00Z]
                                                  [--http-port 8090] [--port-offset 0] [--bind 127.0.0.1] [--data data/simulators]
                  java -jar lintel-simulators.jar scenario start <type> <device> [key=value ...] [--api http://127.0.0.1:8090]
                  java -jar lintel-simulators.jar scenario stop <id> | scenario list
                  java -jar lintel-simulators.jar clock [advance <30d> | speed <720>]
                  java -jar lintel-simulators.jar generate --buildings N --floors N --units-per-floor N [--lifts 2]
                                                  [--no-unit-detectors] [--base-port 20000] [--out site.yaml]""");
    }

    /** --key value pairs from position {@code from}; bare words are collected under "" in order. */
    private static Map<String, String> options(String[] args, int from) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String key = args[i].substring(2);
                if (key.startsWith("no-")) {
                    m.put(key, "true");
                } else if (i + 1 < args.length) {
                    m.put(key, args[++i]);
                } else {
                    throw new IllegalArgumentException("option --" + key + " needs a value");
                }
            } else {
                words.add(args[i]);
            }
        }
        m.put("", String.join(" ", words));
        return m;
    }

    private static int serve(Map<String, String> o) throws Exception {
        String site = o.get("site");
        if (site == null) {
            throw new IllegalArgumentException("--site <site.yaml> is required (e.g. device-profiles/sites/sample-community.yaml)");
        }
        SimulationOptions opts = SimulationOptions.defaults();
        if (o.containsKey("seed")) {
            opts = opts.withSeed((long) number(o, "seed", null));
        }
        if (o.containsKey("speed")) {
            opts = opts.withSpeed(number(o, "speed", null));
        }
        if (o.containsKey("start")) {
            opts = opts.withStart(instant(o, "start"));
        }
        if (o.containsKey("http-port")) {
            opts = opts.withHttpPort((int) number(o, "http-port", null));
        }
        if (o.containsKey("port-offset")) {
            opts = opts.withPortOffset((int) number(o, "port-offset", null));
        }
        if (o.containsKey("data")) {
            opts = opts.withDataDir(Path.of(o.get("data")));
        }
        if (o.containsKey("bind")) {
            opts = new SimulationOptions(opts.seed(), opts.start(), opts.speed(), InetAddress.getByName(o.get("bind")),
                    opts.portOffset(), opts.httpPort(), opts.dataDir(), opts.coapRefresh());
        }
        // a second start without --start resumes the saved time line, so that meters never go backwards
        java.util.Optional<org.lintel.sim.clock.ClockFile> saved = o.containsKey("start") ? java.util.Optional.empty()
                : org.lintel.sim.clock.ClockFile.read(opts.dataDir());
        if (saved.isPresent()) {
            opts = opts.withStart(saved.get().origin());
        } else {
            // a new time line: the scenarios of an earlier one happened at instants that no longer exist
            org.lintel.sim.scenario.ScenarioJournal.in(opts.dataDir()).clear();
        }
        Simulation sim = Simulation.start(Path.of(site), opts);
        if (saved.isPresent()) {
            Instant resume = saved.get().resumeAt(Instant.now(), opts.speed());
            sim.clock().advance(Duration.between(sim.clock().now(), resume));
            System.out.println("Lintel simulators: resumed the simulated time line at " + resume + " (counting from " + saved.get().origin() + ")");
        }
        Instant origin = opts.start();
        Path dataDir = opts.dataDir();
        java.util.concurrent.ScheduledExecutorService saver = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-clock-saver");
            t.setDaemon(true);
            return t;
        });
        Runnable save = () -> {
            try {
                new org.lintel.sim.clock.ClockFile(origin, sim.clock().now(), Instant.now()).write(dataDir);
            } catch (IOException e) {
                System.err.println("lintel-simulators: cannot save the simulated clock in " + dataDir + ": " + e.getMessage());
            }
        };
        save.run();
        saver.scheduleAtFixedRate(save, 10, 10, java.util.concurrent.TimeUnit.SECONDS);
        HttpApi api = new HttpApi(sim, new InetSocketAddress(opts.bind(), opts.httpPort()));
        System.out.println("Lintel simulators: " + sim.devices().size() + " devices of site " + sim.site().id()
                + "; API http://" + opts.bind().getHostAddress() + ":" + api.port() + "/devices ; Ctrl-C stops");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            saver.shutdownNow();
            save.run();
            api.close();
            sim.close();
            done.countDown();
        }, "sim-shutdown"));
        done.await();
        return 0;
    }

    private static int generate(Map<String, String> o) throws IOException {
        SiteGenerator.Plan plan = new SiteGenerator.Plan(o.getOrDefault("site-id", "generated"),
                (int) number(o, "buildings", required(o, "buildings")), (int) number(o, "floors", required(o, "floors")),
                (int) number(o, "units-per-floor", required(o, "units-per-floor")), (int) number(o, "lifts", "2"),
                !o.containsKey("no-unit-detectors"), (int) number(o, "devices-per-bus", "32"),
                (int) number(o, "base-port", "20000"), (int) number(o, "opcua-port", "4840"),
                (int) number(o, "coap-port", "5683"));
        String yaml = SiteGenerator.write(plan);
        if (o.containsKey("out")) {
            Files.writeString(Path.of(o.get("out")), yaml, StandardCharsets.UTF_8);
            System.err.println("wrote " + o.get("out"));
        } else {
            System.out.print(yaml);
        }
        return 0;
    }

    /** A numeric option, or an error naming it. */
    private static double number(Map<String, String> o, String key, String dflt) {
        String v = o.getOrDefault(key, dflt);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + key + ": expected a number, found '" + v + "'");
        }
    }

    private static Instant instant(Map<String, String> o, String key) {
        try {
            return Instant.parse(o.get(key));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--" + key + ": expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, found '" + o.get(key) + "'");
        }
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v;
    }

    private static int scenario(String[] args) throws Exception {
        Map<String, String> o = options(args, 1);
        String api = o.getOrDefault("api", "http://127.0.0.1:" + SimulationOptions.DEFAULT_HTTP_PORT);
        String[] w = o.get("").isEmpty() ? new String[0] : o.get("").split(" ");
        if (w.length >= 3 && w[0].equals("start")) {
            StringBuilder params = new StringBuilder();
            for (int i = 3; i < w.length; i++) {
                String[] kv = w[i].split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("scenario parameter '" + w[i] + "' must be key=value");
                }
                params.append(params.length() == 0 ? "" : ",").append('"').append(kv[0]).append("\":\"").append(kv[1]).append('"');
            }
            return call("POST", api + "/scenarios", "{\"type\":\"" + w[1] + "\",\"device\":\"" + w[2] + "\",\"params\":{" + params + "}}");
        }
        if (w.length == 2 && w[0].equals("stop")) {
            return call("DELETE", api + "/scenarios/" + w[1], null);
        }
        if (w.length == 1 && w[0].equals("list")) {
            return call("GET", api + "/scenarios", null);
        }
        throw new IllegalArgumentException("usage: scenario start <type> <device> [key=value ...] | scenario stop <id> | scenario list");
    }

    private static int clock(String[] args) throws Exception {
        Map<String, String> o = options(args, 1);
        String api = o.getOrDefault("api", "http://127.0.0.1:" + SimulationOptions.DEFAULT_HTTP_PORT);
        String[] w = o.get("").isEmpty() ? new String[0] : o.get("").split(" ");
        if (w.length == 0) {
            return call("GET", api + "/clock", null);
        }
        if (w.length == 2 && w[0].equals("advance")) {
            return call("POST", api + "/clock", "{\"advance\":\"" + w[1] + "\"}");
        }
        if (w.length == 2 && w[0].equals("speed")) {
            return call("POST", api + "/clock", "{\"speed\":" + w[1] + "}");
        }
        throw new IllegalArgumentException("usage: clock | clock advance <30d> | clock speed <720>");
    }

    private static int call(String method, String url, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        (r.statusCode() < 300 ? System.out : System.err).println(r.body());
        return r.statusCode() < 300 ? 0 : 1;
    }
}
