package org.lintel.hub.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.InfluxServer;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;

/**
 * The production stores: a hub on an external PostgreSQL and a real InfluxDB (Debian's 1.6), backed up with
 * pg_dump and influxd's portable backup, restored into a new database and an empty InfluxDB server, answers the same
 * bill run and history.
 */
class BackupRestoreInfluxTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        java.util.Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static HubConfig config(Path data, String database, InfluxServer influx) {
        return HubConfig.embedded(data, 0, 0, 0).withPostgres(database, TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("hub-test.yaml"))).withAdminToken("backup-influx").withInflux(influx.url(), "lintel");
    }

    private static String call(Hub hub, String method, String path, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer backup-influx")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }

    @Test
    void aHubOnExternalPostgresAndInfluxDbRestoresIntoANewDatabaseAndAnEmptyInfluxDb() throws Exception {
        InfluxServer influx = InfluxServer.start();
        open.add(influx);
        HubConfig first = config(TestFolders.passable("backup-influx-a"), TestPostgres.newDatabaseUrl(), influx);
        Hub hub = Hub.start(first);
        open.add(hub);
        call(hub, "PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml", Files.readString(Path.of("src/test/resources/billing/hub-test.tariffs.yaml")),
                "application/yaml");
        call(hub, "PUT", "/api/v1/sites/hub-test/billing-accounts", "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\",\"property-fee\"]}]",
                "application/json");
        Instant november = Instant.parse("2026-10-31T16:00:00Z");
        try (TestEdgeNode gw = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret")) {
            gw.nodeBirth();
            gw.deviceBirth("b1-0101-em", BackupRestoreTest.METER);
            for (int day = 0; day <= 30; day++) {
                List<Object[]> values = new ArrayList<>();
                for (int h = 0; h < 24; h++) {
                    values.add(new Object[] {"energy.import.total", november.plus(Duration.ofHours(day * 24L + h)), 500.0 + (day * 24 + h) * 0.41});
                }
                gw.data("b1-0101-em", true, values.toArray(new Object[0][]));
            }
        }
        String history = "/api/v1/sites/hub-test/devices/b1-0101-em/points/energy.import.total/history?from=2026-10-31T16:00:00Z&to=2026-12-01T16:00:00Z&limit=100000";
        org.lintel.hub.Await.until("November in InfluxDB", Duration.ofSeconds(30), () -> {
            try {
                return call(hub, "GET", history, null, null).split("\"time\"").length - 1 == 31 * 24;
            } catch (Exception e) {
                return false;
            }
        });
        long run = BackupRestoreTest.JSON.readTree(call(hub, "POST", "/api/v1/sites/hub-test/bill-runs", "{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}",
                "application/json")).get("id").asLong();
        String billRun = call(hub, "GET", "/api/v1/bill-runs/" + run, null, null);
        String bill = call(hub, "GET", "/api/v1/bill-runs/" + run + "/bills/b1-0101", null, null);
        String points = call(hub, "GET", history, null, null);

        Path backup = TestFolders.passable("backup-influx-dir").resolve("backup");
        BackupManifest m = HubBackup.take(first.stores(), backup,
                influx.backupHost(), Clock.systemUTC());
        assertEquals("influxdb", m.timeSeries());
        assertEquals("external", m.postgres());
        assertTrue(m.files().stream().anyMatch(f -> f.path().startsWith("influxdb/")), "influxd's portable backup is in it: " + m.files());

        InfluxServer empty = InfluxServer.start();
        open.add(empty);
        HubConfig second = config(TestFolders.passable("backup-influx-b"), TestPostgres.newDatabaseUrl(), empty);
        HubRestore.into(second.stores(), backup, empty.backupHost());
        Hub restored = Hub.start(second);
        open.add(restored);
        assertEquals(billRun, call(restored, "GET", "/api/v1/bill-runs/" + run, null, null));
        assertEquals(bill, call(restored, "GET", "/api/v1/bill-runs/" + run + "/bills/b1-0101", null, null));
        assertEquals(points, call(restored, "GET", history, null, null));
    }
}
