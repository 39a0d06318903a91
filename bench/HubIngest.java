import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * Hub ingest load: G gateways (one MQTT connection each) publish Sparkplug DDATA for their devices as fast as the
 * hub takes them (bounded in-flight QoS 1), or at a target rate. Throughput is read from the hub's own
 * lintel_hub_points_stored_total, latency (reading timestamp → durably stored) from its lag summary.
 *
 * usage: HubIngest write-site FILE GATEWAYS DEVICES [SITE] | HubIngest run BROKER API GATEWAYS DEVICES METRICS SECONDS WARMUP RATE [SITE]
 * (API may list several hubs, comma-separated: the scale-out benchmark adds up what each stored)
 */
public class HubIngest {

    public static void main(String[] a) throws Exception {
        if (a[0].equals("write-site")) {
            writeSite(Path.of(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), a.length > 4 ? a[4] : "bench");
            return;
        }
        String site = a.length > 9 ? a[9] : "bench";
        String broker = a[1];
        String api = a[2];
        int gateways = Integer.parseInt(a[3]);
        int devices = Integer.parseInt(a[4]);
        int metrics = Integer.parseInt(a[5]);
        int seconds = Integer.parseInt(a[6]);
        int warmup = Integer.parseInt(a[7]);
        long rate = Long.parseLong(a[8]);
        List<Thread> threads = new ArrayList<>();
        AtomicLong published = new AtomicLong();
        long end = System.currentTimeMillis() + (warmup + seconds) * 1000L;
        for (int g = 0; g < gateways; g++) {
            int gi = g;
            Thread t = new Thread(() -> {
                try {
                    publish(broker, site, gi, devices, metrics, end, rate / gateways, published);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            t.start();
            threads.add(t);
        }
        Thread.sleep(warmup * 1000L);
        long stored0 = stored(api);
        String m0 = scrape(api); // resets the hub's interval histograms
        double pg0 = postgresCpuSeconds();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long stored1 = stored(api);
        double secs = (System.nanoTime() - t0) / 1e9;
        String m = scrape(api);
        double pg = postgresCpuSeconds() - pg0;
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("gateways=%d devices=%d metricsPerMessage=%d targetRate=%s duration=%.0fs%n", gateways, gateways * devices, metrics,
                rate == 0 ? "max" : rate + "/s", secs);
        System.out.printf("stored points/s: %.0f%n", (stored1 - stored0) / secs);
        System.out.printf("publications the broker did not acknowledge: %d%n", FAILED.get());
        double hubCpu = value(m, "process_cpu_seconds_total") - value(m0, "process_cpu_seconds_total");
        double rollupCpu = value(m, "lintel_energy_rollup_cpu_seconds_total") - value(m0, "lintel_energy_rollup_cpu_seconds_total");
        double rollupReadings = value(m, "lintel_energy_rollup_readings_total") - value(m0, "lintel_energy_rollup_readings_total");
        System.out.printf("hub CPU: %.1f s (%.0f %% of one core); energy rollups' thread: %.2f s (%.1f %% of the hub's), %.0f meter readings/s taken in, queue at end %.0f;"
                        + " PostgreSQL processes: %.2f s%n", hubCpu, hubCpu / secs * 100, rollupCpu, rollupCpu / hubCpu * 100, rollupReadings / secs,
                value(m, "lintel_energy_rollup_queue"), pg);
        for (String l : m.split("\n")) {
            if (l.startsWith("lintel_hub_ingest_lag_seconds{") || l.startsWith("lintel_hub_store_latency_seconds{") || l.startsWith("lintel_hub_rejected")
                    || l.startsWith("lintel_hub_store_failures_total ")) {
                System.out.println("  " + l);
            }
        }
    }

    /** The SDM630's numeric points: the hub refuses points that are not in the device's profile. */
    static final java.util.List<String> POINTS = org.lintel.profile.library.ProfileLibrary.builtIn(new org.lintel.check.Problems()).find("eastron-sdm630")
            .orElseThrow().points().stream().filter(p -> p.canonicalUnit().isPresent()).map(org.lintel.profile.Point::name).toList();

    static void publish(String broker, String site, int g, int devices, int metrics, long end, long rate, AtomicLong published) throws Exception {
        String gw = "gw-" + g;
        MqttAsyncClient c = new MqttAsyncClient(broker, "bench-" + site + "-" + gw, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(gw);
        o.setPassword(("pw-" + g).toCharArray());
        o.setMaxInflight(1000);
        o.setCleanSession(true);
        c.connect(o).waitForCompletion(10_000);
        SparkplugBPayloadEncoder enc = new SparkplugBPayloadEncoder();
        long seq = 0;
        String base = "spBv1.0/" + site + "/";
        c.publish(base + "NBIRTH/" + gw, enc.getBytes(new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq)
                .addMetric(new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric()).createPayload(), false), 1, false).waitForCompletion();
        for (int d = 0; d < devices; d++) {
            SparkplugBPayload.SparkplugBPayloadBuilder b = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(++seq % 256);
            for (int m = 0; m < metrics; m++) {
                b.addMetric(new Metric.MetricBuilder(POINTS.get(m % POINTS.size()), MetricDataType.Double, 230.0).alias((long) d * metrics + m).createMetric());
            }
            c.publish(base + "DBIRTH/" + gw + "/" + gw + "-d" + d, enc.getBytes(b.createPayload(), false), 1, false).waitForCompletion();
        }
        Semaphore inflight = new Semaphore(500);
        IMqttActionListener release = new IMqttActionListener() {
            public void onSuccess(IMqttToken t) {
                inflight.release();
            }

            public void onFailure(IMqttToken t, Throwable e) {
                // a publication the broker never acknowledged: counted, so that a gap the hub sees can be told apart
                FAILED.incrementAndGet();
                System.err.println("publish-failed gateway=" + gw + " reason=" + e);
                inflight.release();
            }
        };
        long sent = 0;
        long[] lastMs = new long[devices];
        long[] sentBy = new long[devices];
        long start = System.nanoTime();
        int d = 0;
        while (System.currentTimeMillis() < end) {
            if (rate > 0) {
                long due = (long) ((sent * metrics) * 1e9 / rate);
                long wait = due - (System.nanoTime() - start);
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            // a device's messages never share a millisecond: at a catch-up burst a whole round of devices can fit in one,
            // and the hub refuses a second, different value for a point it has stored (overwrite-refused)
            long ms = Math.max(System.currentTimeMillis(), lastMs[d] + 1 + (metrics - 1) / POINTS.size());
            lastMs[d] = ms;
            Date now = new Date(ms);
            SparkplugBPayload.SparkplugBPayloadBuilder b = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(now).setSeq(++seq % 256);
            // plausible values: a counter that never decreases and creeps up (a decrease or a jump would be reported by
            // the alarm engine for every message, and the bench would measure alarm churn), a voltage far from phase loss
            double value = 230 + (++sentBy[d]) * 1e-6;
            for (int m = 0; m < metrics; m++) {
                // more metrics than the profile has points: the same point again, a millisecond later and a little higher
                int repeat = m / POINTS.size();
                Date at = new Date(now.getTime() + repeat);
                b.addMetric(new Metric.MetricBuilder((long) d * metrics + m, MetricDataType.Double, value + repeat * 1e-7).timestamp(at).createMetric());
            }
            inflight.acquire();
            c.publish(base + "DDATA/" + gw + "/" + gw + "-d" + d, enc.getBytes(b.createPayload(), false), 1, false, null, release);
            published.addAndGet(metrics);
            sent++;
            d = (d + 1) % devices;
        }
        inflight.acquire(500);
        c.disconnect().waitForCompletion(10_000);
        c.close();
    }

    static final AtomicLong FAILED = new AtomicLong();

    /** A metric's value from the Prometheus text, 0 when absent. */
    static double value(String metrics, String name) {
        for (String l : metrics.split("\n")) {
            if (l.startsWith(name + " ")) {
                return Double.parseDouble(l.substring(name.length() + 1).trim());
            }
        }
        return 0;
    }

    /** CPU time of every PostgreSQL process of this machine (the embedded one's server and backends; the benchmark's only one). */
    static double postgresCpuSeconds() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    static String scrape(String apis) throws IOException, InterruptedException {
        String api = apis.split(",")[0];
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long stored(String apis) throws IOException, InterruptedException {
        long sum = 0;
        for (String api : apis.split(",")) {
            sum += storedBy(api);
        }
        return sum;
    }

    static long storedBy(String api) throws IOException, InterruptedException {
        String h = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String n = h.replaceAll(".*\"pointsStored\":(\\d+).*", "$1");
        return Long.parseLong(n.trim());
    }

    static void writeSite(Path file, int gateways, int devices, String site) throws IOException {
        StringBuilder s = new StringBuilder("site: {id: " + site + ", timeZone: Asia/Shanghai}\nbuildings:\n  - id: b1\n    floors:\n      - level: 1\n        units:\n"
                + "          - {id: u1, area: 80}\ngateways:\n");
        for (int g = 0; g < gateways; g++) {
            s.append("  - id: gw-").append(g).append("\n    building: b1\n    buses:\n      - {id: bus").append(g)
                    .append(", modbusTcp: {host: 127.0.0.1, port: ").append(40000 + g).append("}}\n    uplink: {broker: \"tcp://127.0.0.1:1883\", username: ")
                    .append(site.equals("bench") ? "" : site + "-").append("gw-").append(g).append(", password: pw-").append(g).append(", primaryHost: ").append(site).append("-host}\n");
        }
        s.append("devices:\n");
        for (int g = 0; g < gateways; g++) {
            for (int d = 0; d < devices; d++) {
                s.append("  - {id: gw-").append(g).append("-d").append(d).append(", profile: eastron-sdm630, modbus: {bus: bus").append(g)
                        .append(", unitId: ").append(d % 247 + 1).append("}}\n");
            }
        }
        Files.writeString(file, s.toString());
    }
}
