import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * The maintenance pages' requests against a year of work: EQUIPMENT pieces in BUILDINGS buildings (written by SQL into
 * the ledger), ORDERS work orders over the last 365 days (written by SQL: 20 % corrective with failure and restore
 * times, the rest planned visits with due dates, 3 % still open), and PLANS TSG T5002 plans put through the API. What
 * is measured: the supervisor's board, a technician's list, the KPIs by building and by equipment (JSON and XLSX), the
 * 31-day calendar, and a plan pass over every plan. The hub runs in this JVM with embedded PostgreSQL.
 */
public class MaintenanceBench {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String SITE = "fix-garden";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] a) throws Exception {
        Path work = Path.of(a[0]);
        int equipment = Integer.parseInt(a[1]);
        int orders = Integer.parseInt(a[2]);
        int plans = Integer.parseInt(a[3]);
        int rounds = Integer.parseInt(a[4]);
        int buildings = Math.max(1, equipment / 20);
        Path site = work.resolve("fix-garden.yaml");
        StringBuilder s = new StringBuilder("site:\n  id: fix-garden\n  name: {en: Fix Garden, zh: 维保花园}\n  timeZone: Asia/Shanghai\nbuildings:\n");
        for (int b = 1; b <= buildings; b++) {
            s.append("  - id: b").append(b).append("\n");
        }
        Files.writeString(site, s);
        HubConfig config = HubConfig.embedded(work.resolve("data"), 39290, 39993, 39542).withSites(List.of(site)).withAdminToken("bench-admin");
        try (Hub hub = Hub.start(config)) {
            long t0 = System.nanoTime();
            seed(work, equipment, buildings, orders);
            System.out.printf("equipment: %d in %d buildings; work orders written by SQL: %d in %.0f s%n", equipment, buildings, orders, (System.nanoTime() - t0) / 1e9);
            String api = "http://127.0.0.1:" + hub.apiPort() + "/api/v1/sites/" + SITE + "/maintenance";
            LocalDate today = LocalDate.now(ZONE);
            long p0 = System.nanoTime();
            for (int p = 0; p < plans; p++) {
                String body = "{\"equipment\":\"eq-" + p + "\",\"template\":\"lift-tsg-t5002\",\"calendar\":{\"mode\":\"fixed\",\"firstDue\":\""
                        + today.minusDays(p % 15) + "\"},\"horizonDays\":3}";
                HttpResponse<String> r = send("PUT", api + "/plans/lift-" + p, body);
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(r.body());
                }
            }
            System.out.printf("plans put through the API: %d in %.1f s%n", plans, (System.nanoTime() - p0) / 1e9);
            double[] pass = new double[Math.max(3, rounds / 10)];
            for (int i = 0; i < pass.length; i++) {
                long x = System.nanoTime();
                HttpResponse<String> r = send("POST", api + "/plans/run", "{}");
                pass[i] = (System.nanoTime() - x) / 1e6;
                if (i == 0) {
                    System.out.println("first plan pass: " + r.body());
                }
            }
            print("plan pass over every plan (POST plans/run; the first opens the visits due)", pass);
            String year = "from=" + today.minusDays(365) + "&to=" + today.plusDays(1);
            List<String[]> pages = List.of(
                    new String[] {"supervisor's board (open and done, up to 500)", api + "/work-orders?state=open,done&limit=500"},
                    new String[] {"technician's list (assignee=tech-7, open)", api + "/work-orders?state=open&assignee=tech-7"},
                    new String[] {"KPIs by building over a year", api + "/kpis?" + year + "&by=building"},
                    new String[] {"KPIs by equipment over a year", api + "/kpis?" + year + "&by=equipment"},
                    new String[] {"KPIs by equipment over a year, XLSX", api + "/kpis?" + year + "&by=equipment&format=xlsx"},
                    new String[] {"calendar, 31 days", api + "/calendar?from=" + today + "&to=" + today.plusDays(31)});
            for (String[] p : pages) {
                HttpResponse<String> first = send("GET", p[1], null);
                if (first.statusCode() != 200) {
                    throw new IllegalStateException(p[0] + ": " + first.statusCode() + " " + first.body());
                }
                double[] ms = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long x = System.nanoTime();
                    send("GET", p[1], null);
                    ms[i] = (System.nanoTime() - x) / 1e6;
                }
                print(p[0] + " [" + first.body().length() + " bytes]", ms);
            }
        }
    }

    static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer bench-admin")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("  %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d runs)%n", what, s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1],
                s[s.length - 1], s.length);
    }

    /** The ledger and a year of work orders, straight into PostgreSQL. */
    static void seed(Path work, int equipment, int buildings, int orders) throws Exception {
        String password = Files.readString(work.resolve("data/postgres/secrets/hub-password")).strip();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:39542/lintel", "lintel_hub", password)) {
            try (PreparedStatement ps = c.prepareStatement("insert into equipment (site_id, id, kind, building_id, status) "
                    + "select ?, 'eq-' || g, case when g % 4 = 0 then 'pump' else 'lift' end, 'b' || (1 + g % ?), 'in-service' from generate_series(0, ? - 1) g")) {
                ps.setString(1, SITE);
                ps.setInt(2, buildings);
                ps.setInt(3, equipment);
                ps.executeUpdate();
            }
            // every fifth order a failure (restored 1–5 h later), the others planned visits due on their day; the newest 3 % open
            try (PreparedStatement ps = c.prepareStatement("insert into work_order (site_id, equipment, building_id, kind, source, title_zh, title_en, priority,"
                    + " state, alarm_type, due_at, interval_days, failure_at, opened_at, opened_by, assignee, started_at, restored_at, done_at, closed_at,"
                    + " respond_by, resolve_by, labour_minutes, cost)"
                    + " select ?, 'eq-' || (g % ?), 'b' || (1 + (g % ?) % ?), case when g % 5 = 0 then 'corrective' else 'preventive' end,"
                    + " case when g % 5 = 0 then 'alarm' else 'plan' end, '工单', 'order', case when g % 5 = 0 then 'high' else 'medium' end,"
                    + " case when g > ? * 0.97 then 'assigned' else 'closed' end, case when g % 5 = 0 and g <= ? * 0.97 then 'lift-fault' end,"
                    + " case when g % 5 <> 0 then date_trunc('day', t) + interval '1 day' end, case when g % 5 <> 0 then 15 end,"
                    + " case when g % 5 = 0 then t end, t, 'bench', 'tech-' || (g % 40), case when g <= ? * 0.97 then t + interval '20 minutes' end,"
                    + " case when g % 5 = 0 and g <= ? * 0.97 then t + (1 + g % 5) * interval '1 hour' end,"
                    + " case when g <= ? * 0.97 then t + (1 + g % 5) * interval '1 hour' end, case when g <= ? * 0.97 then t + interval '1 day' end,"
                    + " case when g % 5 = 0 then t + interval '2 hours' end, t + interval '1 day', 30 + g % 90, (g % 200)::numeric"
                    + " from generate_series(1, ?) g, lateral (select now() - interval '365 days' + (g::double precision / ?) * interval '365 days' as t) x")) {
                int i = 1;
                ps.setString(i++, SITE);
                ps.setInt(i++, equipment);
                ps.setInt(i++, equipment);
                ps.setInt(i++, buildings);
                for (int k = 0; k < 6; k++) {
                    ps.setInt(i++, orders);
                }
                ps.setInt(i++, orders);
                ps.setInt(i++, orders);
                ps.executeUpdate();
            }
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("analyze work_order");
                st.execute("analyze equipment");
            }
        }
    }
}
