import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/**
 * The morning dashboard's requests against a generated community of BUILDINGS × 20 floors × 4 flats, each flat with an
 * electricity and a water meter, each building with an incomer over its flats' and lifts' meters. The rollups (a year
 * of days for every meter, the last three days' hours) are written straight into PostgreSQL by SQL, not through ingest:
 * what is measured is answering from them. One water meter's year of 15-minute readings goes into the store for the
 * point history chart. The hub runs in this JVM with embedded PostgreSQL and the embedded store.
 */
public class EnergyDashboardBench {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String SITE = "big-garden";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] a) throws Exception {
        Path work = Path.of(a[0]);
        int units = Integer.parseInt(a[1]);
        int rounds = Integer.parseInt(a[2]);
        int buildings = (units + 79) / 80;
        Path site = work.resolve("big-garden.yaml");
        List<String> electricity = new ArrayList<>();
        List<String> water = new ArrayList<>();
        writeSite(site, buildings, electricity, water);
        HubConfig config = HubConfig.embedded(work.resolve("data"), 39280, 39983, 39532).withSites(List.of(site)).withAdminToken("bench-admin");
        try (Hub hub = Hub.start(config)) {
            LocalDate today = LocalDate.now(ZONE);
            long s0 = System.nanoTime();
            long rows = seed(work, electricity, water, today);
            System.out.printf("meters: %d electricity, %d water; rollup rows written by SQL: %d in %.0f s%n", electricity.size(), water.size(), rows,
                    (System.nanoTime() - s0) / 1e9);
            String meter = water.get(0);
            history(hub, meter, today);
            String api = "http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/" + SITE;
            String thisMonth = today.withDayOfMonth(1).toString();
            String lastMonth = today.withDayOfMonth(1).minusMonths(1).toString();
            String tomorrow = today.plusDays(1).toString();
            String sameDays = today.withDayOfMonth(1).minusMonths(1).plusDays(Math.max(1, today.getDayOfMonth() - 1)).toString();
            String lastYear = today.withDayOfMonth(1).minusYears(1).toString();
            String sameDaysLastYear = today.withDayOfMonth(1).minusYears(1).plusDays(Math.max(1, today.getDayOfMonth() - 1)).toString();
            // the page's requests as console.js makes them (a manager: the bill runs for the collection rate too)
            List<String> first = List.of(
                    api + "/energy/use?medium=electricity&by=site&interval=total&from=" + today + "&to=" + tomorrow,
                    api + "/energy/use?medium=electricity&by=site&interval=total&from=" + thisMonth + "&to=" + tomorrow,
                    api + "/energy/use?medium=electricity&by=site&interval=total&from=" + thisMonth + "&to=" + today,
                    api + "/energy/use?medium=electricity&by=site&interval=day&from=" + lastMonth + "&to=" + sameDays,
                    api + "/energy/use?medium=electricity&by=site&interval=day&from=" + lastYear + "&to=" + sameDaysLastYear,
                    api + "/energy/use?medium=electricity&by=site&interval=day&from=" + lastMonth + "&to=" + tomorrow,
                    api + "/alarms?state=open&limit=10000",
                    api + "/bill-runs");
            List<String> second = List.of(api + "/energy/use?medium=electricity&by=category&interval=total&from=" + thisMonth + "&to=" + tomorrow,
                    api + "/energy/night-flow?limit=20", api + "/energy/carbon?from=" + thisMonth + "&to=" + tomorrow,
                    api + "/energy/baseline?from=" + thisMonth + "&to=" + today,
                    api + "/energy/outliers?medium=electricity&from=" + today.minusDays(7) + "&to=" + today + "&limit=15");
            String yearOfDays = api + "/energy/use?medium=electricity&by=site&interval=day&from=" + today.minusDays(365) + "&to=" + tomorrow;
            Instant yearAgo = today.minusDays(365).atStartOfDay(ZONE).toInstant();
            String pointYear = api + "/devices/" + meter + "/points/volume.forward.total/history?bucket=1d&from=" + enc(yearAgo.toString()) + "&to="
                    + enc(today.plusDays(1).atStartOfDay(ZONE).toInstant().toString());
            for (String u : List.of(first.get(4), first.get(6), first.get(7), second.get(0), second.get(1), second.get(2), second.get(4), yearOfDays, pointYear)) {
                HttpResponse<String> r = get(u);
                System.out.printf("%d bytes, status %d: %s%n", r.body().length(), r.statusCode(), u.substring(u.indexOf("/" + SITE) + SITE.length() + 1));
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.body());
                }
            }
            double[] dashboard = new double[rounds];
            double[] year = new double[rounds];
            double[] point = new double[rounds];
            for (int i = -10; i < rounds; i++) {
                long t0 = System.nanoTime();
                // as the page asks: the figures, alarms and bill runs at once, then the categories, the night, CO₂, the
                // baseline and the outliers together
                all(first);
                all(second);
                long t1 = System.nanoTime();
                get(yearOfDays);
                long t2 = System.nanoTime();
                get(pointYear);
                long t3 = System.nanoTime();
                if (i >= 0) {
                    dashboard[i] = (t1 - t0) / 1e6;
                    year[i] = (t2 - t1) / 1e6;
                    point[i] = (t3 - t2) / 1e6;
                }
            }
            System.out.println("after 10 warm-up rounds, " + rounds + " rounds:");
            print("morning dashboard (13 requests: 8 at once, then 5 at once)", dashboard);
            List<String> each = new ArrayList<>(first);
            each.addAll(second);
            for (String u : each) {
                double[] one = new double[Math.min(rounds, 20)];
                for (int i = 0; i < one.length; i++) {
                    long t0 = System.nanoTime();
                    get(u);
                    one[i] = (System.nanoTime() - t0) / 1e6;
                }
                print("alone: " + u.substring(u.indexOf("/" + SITE) + SITE.length() + 1), one);
            }
            print("one year of the site's days (rollups)", year);
            print("one year of a meter's days (history API, time series)", point);
        }
    }

    static void all(List<String> urls) {
        CompletableFuture.allOf(urls.stream().map(u -> HTTP.sendAsync(request(u), HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
            if (r.statusCode() != 200) {
                throw new IllegalStateException(u + ": " + r.body());
            }
        })).toArray(CompletableFuture[]::new)).join();
    }

    static HttpRequest request(String u) {
        return HttpRequest.newBuilder(URI.create(u)).header("Authorization", "Bearer bench-admin").build();
    }

    static HttpResponse<String> get(String u) throws Exception {
        return HTTP.send(request(u), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("  %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", what, s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1], s[s.length - 1]);
    }

    /** A year of days for every meter and the last three days' hours, straight into the rollup tables. */
    static long seed(Path work, List<String> electricity, List<String> water, LocalDate today) throws Exception {
        String password = Files.readString(work.resolve("data/postgres/secrets/hub-password")).strip();
        List<String> all = new ArrayList<>(electricity);
        all.addAll(water);
        long n = 0;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:39532/lintel", "lintel_hub", password)) {
            try (PreparedStatement ps = c.prepareStatement("insert into energy_day (site_id, device_id, day, usage, estimated) "
                    + "select ?, d, g::date, round((random() * case when d like '%-wm' then 0.5 else 12 end)::numeric, 3), false "
                    + "from unnest(?::text[]) d, generate_series(?::date, ?::date, interval '1 day') g")) {
                ps.setString(1, SITE);
                ps.setArray(2, c.createArrayOf("text", all.toArray()));
                ps.setObject(3, today.minusDays(366));
                ps.setObject(4, today);
                n += ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into energy_hour (site_id, device_id, hour, usage, estimated, steps) "
                    + "select ?, d, g, round((random() * case when d like '%-wm' then 0.02 else 0.5 end)::numeric, 3), false, 4 "
                    + "from unnest(?::text[]) d, generate_series(?::timestamptz, ?::timestamptz, interval '1 hour') g")) {
                ps.setString(1, SITE);
                ps.setArray(2, c.createArrayOf("text", all.toArray()));
                ps.setObject(3, today.minusDays(2).atStartOfDay(ZONE).toOffsetDateTime());
                ps.setObject(4, Instant.now().atOffset(java.time.ZoneOffset.UTC));
                n += ps.executeUpdate();
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("analyze energy_day");
                st.execute("analyze energy_hour");
            }
        }
        return n;
    }

    /** A year of one meter's 15-minute readings in the store. */
    static void history(Hub hub, String meter, LocalDate today) {
        List<StoredPoint> batch = new ArrayList<>();
        Instant t = today.minusDays(366).atStartOfDay(ZONE).toInstant();
        double v = 100;
        while (t.isBefore(Instant.now())) {
            batch.add(new StoredPoint(SITE, "b1", meter, "volume.forward.total", t, Math.round(v * 1000) / 1000.0, null, "good", null));
            v += 0.005;
            t = t.plus(Duration.ofMinutes(15));
        }
        hub.store().write(batch);
        System.out.printf("history of %s: %d readings%n", meter, batch.size());
    }

    static void writeSite(Path file, int buildings, List<String> electricity, List<String> water) throws Exception {
        StringBuilder s = new StringBuilder("site:\n  id: big-garden\n  name: {en: Big Garden, zh: 大花园}\n  timeZone: Asia/Shanghai\nbuildings:\n");
        for (int b = 1; b <= buildings; b++) {
            s.append("  - id: b").append(b).append("\n    floors:\n");
            for (int f = 1; f <= 20; f++) {
                s.append("      - level: ").append(f).append("\n        units:\n");
                for (int u = 1; u <= 4; u++) {
                    s.append("          - {id: b").append(b).append("-").append(f * 100 + u).append(", area: 90.00}\n");
                }
            }
            s.append("    commonAreas:\n      - {id: b").append(b).append("-lifts}\n");
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
            String incomer = "b" + b + "-main-em";
            s.append("  - {id: ").append(incomer).append(", profile: eastron-sdm630, modbus: {bus: b").append(b).append("-em, unitId: 247}, serves: {building: b")
                    .append(b).append("}}\n");
            s.append("  - {id: b").append(b).append("-lifts-em, profile: eastron-sdm630, modbus: {bus: b").append(b)
                    .append("-em, unitId: 246}, serves: {commonArea: b").append(b).append("-lifts}, meter: {submeterOf: ").append(incomer).append(", category: power}}\n");
            electricity.add(incomer);
            electricity.add("b" + b + "-lifts-em");
            for (int f = 1; f <= 20; f++) {
                for (int u = 1; u <= 4; u++) {
                    String id = "b" + b + "-" + (f * 100 + u);
                    int slave = (f - 1) * 4 + u;
                    s.append("  - {id: ").append(id).append("-em, profile: eastron-sdm120, modbus: {bus: b").append(b).append("-em, unitId: ").append(slave)
                            .append("}, serves: {unit: ").append(id).append("}, meter: {submeterOf: ").append(incomer).append(", category: lighting-sockets}}\n");
                    s.append("  - {id: ").append(id).append("-wm, profile: xintai-water-meter, modbus: {bus: b").append(b).append("-wm, unitId: ")
                            .append(slave).append("}, serves: {unit: ").append(id).append("}}\n");
                    electricity.add(id + "-em");
                    water.add(id + "-wm");
                }
            }
        }
        Files.writeString(file, s.toString());
    }
}
