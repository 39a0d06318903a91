package org.lintel.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.edge.health.Metrics;
import org.lintel.edge.normalize.JsonLinesSink;
import org.lintel.edge.normalize.ReadingSink;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.lintel.yaml.Durations;

/**
 * The standalone gateway launcher.
 *
 * <pre>
 * java -jar lintel-edge.jar --site site.yaml --gateway gw-b1 [--print] [--metrics-port 9101] [--metrics-host 127.0.0.1 (0.0.0.0 in a container, for Prometheus)] [--max-silent 5m]
 *                           [--data data/edge]
 * </pre>
 *
 * {@code --print} writes every normalised reading as a JSON line on stdout (the Sparkplug uplink comes with the next
 * part); metrics are served in the Prometheus format on {@code /metrics}.
 */
public final class EdgeMain {

    private EdgeMain() {
    }

    /** Options that take a value; {@code --print} and {@code --help} take none. */
    static final List<String> VALUE_OPTIONS = List.of("site", "gateway", "metrics-port", "metrics-host", "max-silent", "data", "broker");

    static final String USAGE = "usage: java -jar lintel-edge.jar --site <site.yaml> --gateway <id> [--print] [--metrics-port 9101] [--metrics-host 127.0.0.1 (0.0.0.0 in a container, for Prometheus)]"
            + " [--max-silent 5m] [--data data/edge] [--broker tcp://host:1883 (instead of the site file's uplink broker; several nodes comma-separated)]";

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lintel-edge: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** Reads the command line; an unknown option, a missing value or a stray argument is named, never ignored. */
    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a.substring(2);
            if (key.equals("print")) {
                o.put("print", "true");
            } else if (!VALUE_OPTIONS.contains(key)) {
                throw new IllegalArgumentException("unknown option " + a + "; known: --print, --help, --"
                        + String.join(", --", VALUE_OPTIONS));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                o.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        if (!o.containsKey("site") || !o.containsKey("gateway")) {
            throw new IllegalArgumentException("--site and --gateway are required");
        }
        return o;
    }

    static void run(String[] args) throws Exception {
        Map<String, String> o = options(args);
        SiteLoader.Loaded loaded = SiteLoader.load(Path.of(o.get("site")));
        loaded.problems().sorted().stream().filter(p -> !p.isError()).forEach(p -> System.err.println(p));
        Site site;
        try {
            site = loaded.orThrow();
        } catch (InvalidConfigurationException e) {
            System.err.print(e.problems());
            System.exit(1);
            return;
        }
        Duration maxSilent = !o.containsKey("max-silent") ? null : Durations.parse(o.get("max-silent"))
                .orElseThrow(() -> new IllegalArgumentException("--max-silent: expected " + Durations.FORMS + ", found '" + o.get("max-silent") + "'"));
        String gatewayId = o.get("gateway");
        ReadingSink print = o.containsKey("print") ? new JsonLinesSink(System.out) : null;
        GatewayRunner runner = GatewayRunner.start(site, loaded.profiles(), Path.of(o.get("site")), gatewayId,
                o.containsKey("broker") ? new GatewayRunner.Overrides(o.get("broker"), null, null, null, 0) : GatewayRunner.Overrides.NONE,
                Path.of(o.getOrDefault("data", "data/edge")), maxSilent, print);
        if (runner.uplink() == null && print == null) {
            System.err.println("lintel-edge: gateway " + gatewayId + " has no uplink in the site file and --print is not given;"
                    + " readings are polled and counted in the metrics only");
        }
        EdgeGateway gw = runner.gateway();
        int metricsPort;
        try {
            metricsPort = Integer.parseInt(o.getOrDefault("metrics-port", "9101"));
        } catch (NumberFormatException e) {
            runner.close();
            throw new IllegalArgumentException("--metrics-port: expected a port number, found '" + o.get("metrics-port") + "'");
        }
        HttpServer metrics;
        try {
            metrics = HttpServer.create(new InetSocketAddress(o.getOrDefault("metrics-host", "127.0.0.1"), metricsPort), 0);
        } catch (java.net.BindException e) {
            runner.close();
            throw new IllegalArgumentException("--metrics-port " + metricsPort + " is already in use on this machine (another gateway, such as"
                    + " one that run.sh started?); give each gateway its own port, or --metrics-port 0 for any free one");
        }
        metrics.createContext("/metrics", ex -> {
            byte[] body = (Metrics.render(gw.vitals(), site.id(), gatewayId) + Metrics.renderUplink(runner.uplink(), site.id(), gatewayId))
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        metrics.start();
        System.err.println("Lintel edge gateway " + o.get("gateway") + " of site " + site.id() + ": " + gw.devices().size()
                + " devices; metrics on http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics ; Ctrl-C stops");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            metrics.stop(0);
            runner.close();
            done.countDown();
        }, "edge-shutdown"));
        done.await();
    }

}
