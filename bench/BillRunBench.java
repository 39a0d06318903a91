import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * A bill run for a generated community: B buildings × 20 floors × 4 flats, each flat with an electricity and a water
 * meter, each building with a lifts meter; November billed with Beijing's annual electricity tiers (a running total
 * from 1 January), water tiers with household bounds and a sewage surcharge, a property fee by area, parking for
 * every tenth flat and the lifts' electricity shared by area (公摊). Readings are written straight into the hub's store
 * (this measures billing, not ingest): 1 January, then every 4 hours through November; November is billed.
 * The hub runs in this JVM (embedded PostgreSQL; embedded store or InfluxDB); the bill run and its exports are timed
 * over the REST API as a clerk would start them.
 *
 * usage: BillRunBench WORKDIR UNITS [influx-url]
 */
public class BillRunBench {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] a) throws Exception {
        Path work = Path.of(a[0]);
        int units = Integer.parseInt(a[1]);
        String influx = a.length > 2 ? a[2] : null;
        int buildings = (units + 79) / 80;
        Path site = work.resolve("big-garden.yaml");
        writeSite(site, buildings);
        HubConfig config = HubConfig.embedded(work.resolve("data"), 39180, 39883, 39432).withSites(List.of(site)).withAdminToken("bench-admin");
        if (influx != null) {
            config = config.withTimeSeries(new HubConfig.TimeSeries(influx, "lintel", null, null));
        }
        long t0 = System.nanoTime();
        try (Hub hub = Hub.start(config)) {
            System.out.printf("hub started in %.1f s; store=%s%n", (System.nanoTime() - t0) / 1e9, hub.store().kind());
            long w0 = System.nanoTime();
            long points = writeReadings(hub, buildings);
            System.out.printf("readings written: %d points in %.1f s (straight into the store)%n", points, (System.nanoTime() - w0) / 1e9);
            String api = "http://127.0.0.1:" + hub.apiPort();
            StringBuilder lifts = new StringBuilder();
            for (int b = 1; b <= buildings; b++) {
                lifts.append(b == 1 ? "" : ", ").append("b").append(b).append("-lifts-em");
            }
            check(send("PUT", api + "/api/v1/sites/big-garden/tariff?name=big-garden.tariffs.yaml", TARIFF.formatted(lifts), "application/yaml"), 200);
            check(send("PUT", api + "/api/v1/sites/big-garden/billing-accounts", accounts(buildings), "application/json"), 200);
            Peak peak = new Peak();
            peak.start();
            for (int round = 1; round <= 3; round++) {
                System.gc();
                peak.reset();
                long r0 = System.nanoTime();
                HttpResponse<String> run = send("POST", api + "/api/v1/sites/big-garden/bill-runs", "{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}",
                        "application/json");
                double seconds = (System.nanoTime() - r0) / 1e9;
                check(run, 200);
                System.out.printf("bill run %d (%s): %.1f s, peak heap used %d MiB; %s%n", round, round == 1 ? "first draft" : "draft computed again",
                        seconds, peak.max() / (1 << 20), run.body().replaceAll(".*(\"bills\":\\d+,\"total\":\"[0-9.]+\",\"openAnomalies\":\\d+).*", "$1"));
            }
            String id = send("GET", api + "/api/v1/sites/big-garden/bill-runs", null, null).body().replaceAll("^\\[\\{\"id\":(\\d+).*", "$1");
            String first = send("GET", api + "/api/v1/bill-runs/" + id + "/bills/b1-0101", null, null).body();
            System.out.println("one bill (b1-0101): " + first.substring(0, Math.min(1500, first.length())) + "…");
            for (String export : new String[] {"lines?format=csv", "lines?format=xlsx", "notices?building=b1"}) {
                long e0 = System.nanoTime();
                HttpResponse<byte[]> f = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/api/v1/bill-runs/" + id + "/" + export))
                        .header("Authorization", "Bearer bench-admin").timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf("export %s: HTTP %d, %.1f s, %d KiB%n", export, f.statusCode(), (System.nanoTime() - e0) / 1e9, f.body().length / 1024);
            }
            peak.interrupt();
        }
        System.out.println("process peak resident memory: " + Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("?").replaceAll("\\s+", " "));
    }

    /** The highest heap use seen, sampled every 50 ms. */
    static final class Peak extends Thread {
        private volatile long max;

        Peak() {
            setDaemon(true);
        }

        void reset() {
            max = 0;
        }

        long max() {
            return max;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                long used = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP) {
                        used += p.getUsage().getUsed();
                    }
                }
                max = Math.max(max, used);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static void check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body().substring(0, Math.min(2000, r.body().length())));
        }
    }

    static HttpResponse<String> send(String method, String url, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer bench-admin").timeout(Duration.ofMinutes(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String unit(int b, int f, int u) {
        return String.format("b%d-%02d%02d", b, f, u);
    }

    static void writeSite(Path file, int buildings) throws Exception {
        StringBuilder s = new StringBuilder("site:\n  id: big-garden\n  name: {en: Big Garden, zh: 大花园}\n  timeZone: Asia/Shanghai\nbuildings:\n");
        double[] areas = {89.50, 112.30, 76.85, 128.00};
        for (int b = 1; b <= buildings; b++) {
            s.append("  - id: b").append(b).append("\n    name: {en: Building ").append(b).append(", zh: ").append(b).append("号楼}\n    floors:\n");
            for (int f = 1; f <= 20; f++) {
                s.append("      - level: ").append(f).append("\n        units:\n");
                for (int u = 1; u <= 4; u++) {
                    s.append("          - {id: ").append(unit(b, f, u)).append(", area: ").append(areas[u - 1]).append("}\n");
                }
            }
            s.append("    commonAreas:\n      - {id: b").append(b).append("-lifts, name: {en: Lifts, zh: 电梯}}\n");
        }
        s.append("gateways:\n");
        for (int b = 1; b <= buildings; b++) {
            s.append("  - id: gw-b").append(b).append("\n    building: b").append(b).append("\n    buses:\n      - {id: b").append(b)
                    .append("-em, modbusTcp: {host: 127.0.0.1, port: ").append(41000 + b).append("}}\n      - {id: b").append(b)
                    .append("-wm, modbusTcp: {host: 127.0.0.1, port: ").append(51000 + b).append("}}\n    uplink: {broker: \"tcp://127.0.0.1:1883\", username: gw-b")
                    .append(b).append(", password: pw-b").append(b).append("}\n");
        }
        s.append("devices:\n");
        for (int b = 1; b <= buildings; b++) {
            for (int f = 1; f <= 20; f++) {
                for (int u = 1; u <= 4; u++) {
                    String id = unit(b, f, u);
                    int slave = (f - 1) * 4 + u;
                    s.append("  - {id: ").append(id).append("-em, profile: eastron-sdm120, modbus: {bus: b").append(b).append("-em, unitId: ").append(slave)
                            .append("}, serves: {unit: ").append(id).append("}}\n");
                    s.append("  - {id: ").append(id).append("-wm, profile: xintai-water-meter, modbus: {bus: b").append(b).append("-wm, unitId: ")
                            .append(slave).append("}, serves: {unit: ").append(id).append("}}\n");
                }
            }
            s.append("  - {id: b").append(b).append("-lifts-em, profile: eastron-sdm630, modbus: {bus: b").append(b)
                    .append("-em, unitId: 90}, serves: {commonArea: b").append(b).append("-lifts}}\n");
        }
        Files.writeString(file, s.toString());
    }

    /** Counters at 1 January and every 4 hours of November; each flat's own pace. */
    static long writeReadings(Hub hub, int buildings) {
        Random random = new Random(7);
        Instant jan = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant();
        // November: a month already over (a bill of a month still running would rightly flag readings after "now")
        Instant dec = LocalDate.of(2026, 11, 1).atStartOfDay(ZONE).toInstant();
        Instant next = LocalDate.of(2026, 12, 1).atStartOfDay(ZONE).toInstant();
        long written = 0;
        List<StoredPoint> batch = new ArrayList<>();
        for (int b = 1; b <= buildings; b++) {
            for (int f = 1; f <= 20; f++) {
                for (int u = 1; u <= 4; u++) {
                    String id = unit(b, f, u);
                    // a year of 1,500 to 6,000 kWh and 80 to 300 m³: some flats reach the second and third tiers in November
                    written += series(batch, "b" + b, id + "-em", "energy.import.total", 1500 + random.nextInt(4500), jan, dec, next, random);
                    written += series(batch, "b" + b, id + "-wm", "volume.forward.total", 80 + random.nextInt(220), jan, dec, next, random);
                }
            }
            written += series(batch, "b" + b, "b" + b + "-lifts-em", "energy.import.total", 30000, jan, dec, next, random);
            hub.store().write(batch);
            batch.clear();
        }
        return written;
    }

    static long series(List<StoredPoint> out, String building, String device, String point, double perYear, Instant jan, Instant dec, Instant next,
                       Random random) {
        double start = 1000 + random.nextInt(5000);
        double perSecond = perYear / (365 * 86400.0);
        long n = 0;
        out.add(new StoredPoint("big-garden", building, device, point, jan.minusSeconds(60), round(start), null, "good", null));
        n++;
        for (Instant t = dec.minusSeconds(60); !t.isAfter(next.minusSeconds(60)); t = t.plusSeconds(4 * 3600)) {
            out.add(new StoredPoint("big-garden", building, device, point, t, round(start + perSecond * Duration.between(jan, t).getSeconds()), null, "good", null));
            n++;
        }
        return n;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String accounts(int buildings) {
        StringBuilder s = new StringBuilder("[");
        String[] payers = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"};
        int i = 0;
        for (int b = 1; b <= buildings; b++) {
            for (int f = 1; f <= 20; f++) {
                for (int u = 1; u <= 4; u++) {
                    s.append(i == 0 ? "" : ",").append("{\"unit\":\"").append(unit(b, f, u)).append("\",\"payer\":\"").append(payers[i % payers.length])
                            .append("\",\"persons\":").append(1 + i % 5).append(",\"feeItems\":[\"electricity\",\"water\",\"property-fee\",\"lifts\"")
                            .append(i % 10 == 0 ? ",\"parking\"" : "").append("]").append(i % 10 == 5 ? ",\"timeOfUse\":true" : "").append("}");
                    i++;
                }
            }
        }
        return s.append("]").toString();
    }

    static final String TARIFF = """
            site: big-garden
            feeItems:
              - id: electricity
                name: {en: Electricity, zh: 电费}
                kind: metered
                point: energy.import.total
                unit: kWh
                resold: true
                taxRate: 0.13
                versions:
                  - from: 2026-01-01
                    tiers: {period: year, bounds: [2880, 4800], prices: [0.4883, 0.5383, 0.7883]}
                    timeOfUse:
                      windows:
                        - {band: valley, from: "23:00", to: "07:00"}
                        - {band: peak, from: "07:00", to: "23:00"}
                      prices: {peak: 0.5183, valley: 0.2883}
                      tierAdders: [0, 0.05, 0.30]
              - id: water
                name: {en: Water, zh: 水费}
                kind: metered
                point: volume.forward.total
                unit: m³
                taxRate: 0.09
                versions:
                  - from: 2026-01-01
                    tiers: {period: year, bounds: [180, 260], prices: [5.00, 7.00, 9.00], household: {basePersons: 3, perPerson: 60}}
                    surcharges:
                      - {name: {en: Sewage treatment, zh: 污水处理费}, price: 1.36}
              - {id: property-fee, name: {zh: 物业费}, kind: area, taxRate: 0.06, versions: [{from: 2026-01-01, price: 2.80}]}
              - {id: parking, name: {zh: 车位费}, kind: fixed, taxRate: 0.09, versions: [{from: 2026-01-01, price: 300.00}]}
              - id: lifts
                name: {zh: 电梯用电分摊}
                kind: pool
                meters: [%s]
                allocate: area
                resold: true
                taxRate: 0.13
                versions: [{from: 2026-01-01, price: 0.4883}]
            """;
}
