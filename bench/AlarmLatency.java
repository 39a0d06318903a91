import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fire-to-notification latency: switches simulated smoke detectors to fire (simulator HTTP API) and times the moment
 * the hub's webhook request for that fire alarm arrives here. Between events it stops the scenario, waits until the
 * hub has the detector back at normal, and acknowledges and resets the alarm over the hub's API.
 *
 * usage: AlarmLatency write-site FILE DETECTORS | AlarmLatency run WEBHOOK_PORT SIM_API HUB_API TOKEN DETECTORS EVENTS [FIRES_PER_SECOND]
 * FIRES_PER_SECOND paces the fires over all detectors (default 10; 0: each detector starts its next fire as soon as
 * the last one was reset, an alarm flood of 40 and more fires a second that measures queueing rather than reaction)
 */
public class AlarmLatency {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    static final Map<String, Long> arrived = new ConcurrentHashMap<>();
    static final Map<String, java.time.Instant> arrivedWall = new ConcurrentHashMap<>();
    static final List<Long> fromGateway = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, Long> alarmIds = new ConcurrentHashMap<>();
    /** Each event's gateway-receipt-to-webhook time with what is needed to find it in the hub's log. */
    record Slow(long nanos, String what) {
    }
    static final List<Slow> slowest = Collections.synchronizedList(new ArrayList<>());
    static final Pattern DEVICE = Pattern.compile("\"device\":\"([^\"]+)\"");
    static final Pattern TYPE = Pattern.compile("\"type\":\"([^\"]+)\"");
    static final Pattern ID = Pattern.compile("\"alarm\":\\{\"id\":(\\d+)");
    static final Pattern TO = Pattern.compile("\"to\":\"([^\"]+)\"");
    /** The transition's instant: the fire reading's time, which for a CoAP notification is when the gateway received it. */
    static final Pattern AT = Pattern.compile("\"transition\":\\{[^}]*\"at\":\"([^\"]+)\"");

    public static void main(String[] a) throws Exception {
        if (a[0].equals("write-site")) {
            int n = Integer.parseInt(a[2]);
            StringBuilder s = new StringBuilder("site: {id: latency, timeZone: Asia/Shanghai}\nbuildings:\n  - id: b1\n    floors:\n      - level: 1\n"
                    + "        units:\n          - {id: u1, area: 80}\ngateways:\n  - id: gw-lat\n    building: b1\n"
                    + "    uplink: {broker: \"tcp://127.0.0.1:39883\", username: gw-lat, password: lat-secret, primaryHost: lintel-hub}\ndevices:\n");
            for (int i = 0; i < n; i++) {
                s.append(String.format("  - {id: d%02d, profile: lintel-smoke-detector-coap, gateway: gw-lat, location: {building: b1},"
                        + " coap: {uri: \"coap://127.0.0.1:39683/detectors/d%02d\"}}%n", i, i));
            }
            Files.writeString(Path.of(a[1]), s.toString());
            return;
        }
        int port = Integer.parseInt(a[1]);
        String sim = a[2];
        String hub = a[3];
        String token = a[4];
        int detectors = Integer.parseInt(a[5]);
        int events = Integer.parseInt(a[6]);
        double firesPerSecond = a.length > 7 ? Double.parseDouble(a[7]) : 10;
        long meanPauseMs = firesPerSecond > 0 ? (long) (detectors * 1000.0 / firesPerSecond) : 0;
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        webhook.createContext("/alarms", ex -> {
            long now = System.nanoTime();
            java.time.Instant wallNow = java.time.Instant.now();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ex.sendResponseHeaders(204, -1);
            ex.close();
            Matcher d = DEVICE.matcher(body);
            Matcher t = TYPE.matcher(body);
            Matcher id = ID.matcher(body);
            Matcher to = TO.matcher(body);
            if (d.find() && t.find() && id.find() && to.find() && t.group(1).equals("fire") && to.group(1).equals("active-unacknowledged")) {
                alarmIds.put(d.group(1), Long.parseLong(id.group(1)));
                arrived.put(d.group(1), now);
                arrivedWall.put(d.group(1), wallNow);
                Matcher at = AT.matcher(body);
                if (at.find()) {
                    long ns = java.time.Duration.between(java.time.Instant.parse(at.group(1)), wallNow).toNanos();
                    fromGateway.add(ns);
                    slowest.add(new Slow(ns, d.group(1) + " alarm " + id.group(1) + " received by the gateway " + at.group(1) + ", webhook " + wallNow));
                }
                CountDownLatch l = waiting.get(d.group(1));
                if (l != null) {
                    l.countDown();
                }
            }
        });
        webhook.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        webhook.start();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> fromFire = Collections.synchronizedList(new ArrayList<>());
        List<Long> fromFireWarm = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        int perDetector = (events + detectors - 1) / detectors;
        long start = System.nanoTime();
        for (int i = 0; i < detectors; i++) {
            String dev = String.format("d%02d", i);
            Thread th = new Thread(() -> {
                try {
                    for (int k = 0; k < perDetector && latencies.size() < events; k++) {
                        CountDownLatch l = new CountDownLatch(1);
                        waiting.put(dev, l);
                        long t0 = System.nanoTime();
                        String r = post(sim + "/scenarios", "{\"type\":\"fire\",\"device\":\"" + dev + "\",\"params\":{\"fireAfter\":\"1ms\"}}", null);
                        String scenario = r.replaceAll("(?s)^.*?\"id\"\\s*:\\s*\"([^\"]+)\".*$", "$1");
                        // the fire breaks out 1 ms (fireAfter) after the simulator applied the scenario, on its wall clock
                        java.time.Instant fire = java.time.Instant.parse(r.replaceAll("(?s)^.*?\"startedWall\"\\s*:\\s*\"([^\"]+)\".*$", "$1"))
                                .plusMillis(1);
                        if (!l.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                            System.err.println("no notification for " + dev + " within 30 s");
                            return;
                        }
                        latencies.add(arrived.get(dev) - t0);
                        long sinceFire = java.time.Duration.between(fire, arrivedWall.get(dev)).toNanos();
                        fromFire.add(sinceFire);
                        if (k > 0) {
                            fromFireWarm.add(sinceFire); // each detector's first fire meets a cold hub: JIT, first connections
                        }
                        HTTP.send(HttpRequest.newBuilder(URI.create(sim + "/scenarios/" + scenario)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                        long id = alarmIds.get(dev);
                        waitNormal(hub, token, dev);
                        post(hub + "/api/v1/alarms/" + id + "/acknowledge", "{}", token);
                        post(hub + "/api/v1/alarms/" + id + "/reset", "{}", token);
                        if (meanPauseMs > 0) {
                            // fires at random instants, on average firesPerSecond over all detectors
                            Thread.sleep((long) (meanPauseMs * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble())));
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        webhook.stop(0);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("events=%d detectors=%d paced=%s duration=%.0fs%n", sorted.size(), detectors,
                firesPerSecond > 0 ? firesPerSecond + " fires/s" : "no (flood)", secs);
        if (!sorted.isEmpty()) {
            List<Long> fire = new ArrayList<>(fromFire);
            Collections.sort(fire);
            System.out.printf("fire -> webhook latency (from the fire in the simulator): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(fire, 0.50), ms(fire, 0.90), ms(fire, 0.99), fire.get(fire.size() - 1) / 1e6);
            List<Long> warm = new ArrayList<>(fromFireWarm);
            Collections.sort(warm);
            if (!warm.isEmpty()) {
                System.out.printf("  the same without each detector's first fire (%d events, a warm hub): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        warm.size(), ms(warm, 0.50), ms(warm, 0.90), ms(warm, 0.99), warm.get(warm.size() - 1) / 1e6);
            }
            List<Long> gw = new ArrayList<>(fromGateway);
            Collections.sort(gw);
            if (!gw.isEmpty()) {
                System.out.printf("gateway receipt -> webhook latency (Lintel's part: edge, uplink, hub, alarm, webhook): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        ms(gw, 0.50), ms(gw, 0.90), ms(gw, 0.99), gw.get(gw.size() - 1) / 1e6);
            }
            List<Slow> slow = new ArrayList<>(slowest);
            slow.sort(java.util.Comparator.comparingLong(Slow::nanos).reversed());
            slow.stream().limit(5).forEach(x -> System.out.printf("  slow: %.1f ms %s%n", x.nanos() / 1e6, x.what()));
            System.out.printf("request -> webhook latency (from the benchmark's request to the simulator): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        }
        System.exit(0); // the webhook's executor threads would keep the JVM alive
    }

    static double ms(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    /** Until the hub's latest alarm.state of the detector is normal (so that the latched fire can be reset). */
    static void waitNormal(String hub, String token, String dev) throws Exception {
        for (int i = 0; i < 600; i++) {
            String latest = HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/sites/latency/devices/" + dev + "/latest"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (latest.matches("(?s).*\"point\":\"alarm.state\"[^}]*\"text\":\"normal\".*")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(dev + " did not return to normal");
    }

    static String post(String url, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
