package org.lintel.hub.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.HubProcesses;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;

/**
 * A backup taken of a running hub under load, with lintel-hub's own commands in their own processes, restored into an
 * empty hub: the restored hub's API answers the same bill run and bills, the same alarms, the same history, and every
 * reading acknowledged before the backup began. A backup is refused over a non-empty folder, a restore over a hub
 * that holds data, and a damaged backup before anything is written.
 */
class BackupRestoreTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "backup-admin-token";
    static final Path SITE = TestFolders.site("hub-test.yaml");
    static final Map<String, String> METER = new LinkedHashMap<>(Map.of("energy.import.total", "kWh", "power.active", "W"));
    static final Map<String, String> DETECTOR = new LinkedHashMap<>(Map.of("alarm.state", "", "temperature", "°C", "tamper", ""));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static int lintelHub(Path log, String... args) throws Exception {
        Process p = lintelHubStarted(log, args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "lintel-hub " + args[0] + " did not finish");
        return p.exitValue();
    }

    private static Process lintelHubStarted(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "org.lintel.hub.app.HubMain"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    record Api(int port) {
        HttpResponse<String> send(String method, String path, String body, String type) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + TOKEN)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (type != null) {
                b.header("Content-Type", type);
            }
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = send("GET", path, null, null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        }

        JsonNode ok(String method, String path, String body, String type) throws Exception {
            HttpResponse<String> r = send(method, path, body, type);
            assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
            return JSON.readTree(r.body());
        }
    }

    /** What a person reads of the alarms: which, where, what, since when, in which state. */
    private static List<String> alarms(Api api) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode a : JSON.readTree(api.get("/api/v1/sites/hub-test/alarms?state=all"))) {
            out.add(a.get("id").asText() + " " + a.get("device").asText() + " " + a.get("type").asText() + " " + a.get("state").asText()
                    + " " + a.get("activatedAt").asText());
        }
        return out;
    }

    @Test
    void aBackupTakenUnderLoadRestoresIntoAnEmptyHubThatAnswersTheSameBillsAlarmsAndHistory() throws Exception {
        HubProcesses source = new HubProcesses("backup-source", SITE, TOKEN);
        open.add(source);
        source.start("source");
        Api a = new Api(source.httpPort);
        a.ok("PUT", "/api/v1/sites/hub-test/tariff?name=hub-test.tariffs.yaml",
                Files.readString(Path.of("src/test/resources/billing/hub-test.tariffs.yaml")), "application/yaml");
        a.ok("PUT", "/api/v1/sites/hub-test/billing-accounts", "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"electricity\",\"property-fee\"]},"
                + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"electricity\",\"property-fee\"]},"
                + "{\"unit\":\"b1-0103\",\"payer\":\"李娜\",\"feeItems\":[\"electricity\"]}]", "application/json");

        // November's meters, hour by hour, as a gateway's buffer replays them
        TestEdgeNode meters = new TestEdgeNode(source.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret");
        open.add(meters);
        meters.nodeBirth();
        Instant november = Instant.parse("2026-10-31T16:00:00Z");
        List<String> devices = List.of("b1-0101-em", "b1-0102-em", "b1-0103-em");
        for (String d : devices) {
            meters.deviceBirth(d, METER);
        }
        for (int day = 0; day <= 30; day++) {
            for (int m = 0; m < devices.size(); m++) {
                List<Object[]> values = new ArrayList<>();
                for (int h = 0; h < 24; h++) {
                    int hours = day * 24 + h;
                    values.add(new Object[] {"energy.import.total", november.plus(Duration.ofHours(hours)), 1000.0 * (m + 1) + hours * (0.35 + m * 0.2)});
                }
                meters.data(devices.get(m), true, values.toArray(new Object[0][]));
            }
        }
        TestEdgeNode detectors = new TestEdgeNode(source.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret");
        open.add(detectors);
        detectors.nodeBirth();
        detectors.deviceBirth("b1-f01-smoke", DETECTOR);
        detectors.data("b1-f01-smoke", false, new Object[] {"alarm.state", Instant.now(), "fire"});
        long run = a.ok("POST", "/api/v1/sites/hub-test/bill-runs", "{\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"}", "application/json").get("id").asLong();
        org.lintel.hub.Await.until("the fire alarm", Duration.ofSeconds(30), () -> {
            try {
                return alarms(a).stream().anyMatch(s -> s.contains("b1-f01-smoke"));
            } catch (Exception e) {
                return false;
            }
        });

        // load: live readings as fast as the hub acknowledges them, before, during and after the backup
        List<Instant> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopLoad = new AtomicBoolean();
        Thread load = new Thread(() -> {
            try {
                for (long i = 0; !stopLoad.get(); i++) {
                    Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(i % 7);
                    meters.data("b1-0101-em", false, new Object[] {"power.active", t, 100.0 + i});
                    acknowledged.add(t);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "load");
        load.start();
        org.lintel.hub.Await.until("200 live readings acknowledged", Duration.ofSeconds(60), () -> acknowledged.size() >= 200);
        Set<Instant> ackedBeforeBackup = new HashSet<>(acknowledged);
        Path work = TestFolders.passable("backup-work");
        Path backup = work.resolve("lintel-backup");
        int backedUp = lintelHub(work.resolve("backup.log"), "backup", backup.toString(), "--data", source.data.toString(),
                "--postgres-port", String.valueOf(source.postgresPort), "--site", SITE.toString());
        assertEquals(0, backedUp, Files.readString(work.resolve("backup.log")));
        int during = acknowledged.size();
        org.lintel.hub.Await.until("load after the backup", Duration.ofSeconds(60), () -> acknowledged.size() >= during + 100);
        stopLoad.set(true);
        load.join(30_000);
        BackupManifest manifest = HubRestore.verified(backup);
        assertTrue(manifest.timeSeriesPoints() >= 31 * 24 * 3 + ackedBeforeBackup.size(), "points in the backup: " + manifest.timeSeriesPoints());

        // an empty hub, restored by the command, started on the restored folder
        Path target = TestFolders.passable("backup-target");
        int restored = lintelHub(work.resolve("restore.log"), "restore", backup.toString(), "--data", target.toString(),
                "--postgres-port", String.valueOf(TestFolders.freePort()), "--site", SITE.toString());
        assertEquals(0, restored, Files.readString(work.resolve("restore.log")));
        HubProcesses copy = new HubProcesses(target, SITE, TOKEN);
        open.add(copy);
        copy.start("restored");
        Api b = new Api(copy.httpPort);

        assertEquals(a.get("/api/v1/bill-runs/" + run), b.get("/api/v1/bill-runs/" + run), "the bill run");
        for (String unit : List.of("b1-0101", "b1-0102", "b1-0103")) {
            assertEquals(a.get("/api/v1/bill-runs/" + run + "/bills/" + unit), b.get("/api/v1/bill-runs/" + run + "/bills/" + unit), unit + "'s bill");
        }
        assertEquals(alarms(a), alarms(b));
        String november1 = "from=2026-10-31T16:00:00Z&to=2026-12-01T16:00:00Z&limit=100000";
        for (String d : devices) {
            String path = "/api/v1/sites/hub-test/devices/" + d + "/points/energy.import.total/history?" + november1;
            assertEquals(a.get(path), b.get(path), d + "'s November");
        }
        String live = "/api/v1/sites/hub-test/devices/b1-0101-em/points/power.active/history?from=" + november + "&to="
                + Instant.now().plus(Duration.ofHours(1)) + "&limit=100000";
        Set<String> inSource = times(a.get(live));
        Set<String> inCopy = times(b.get(live));
        for (Instant t : ackedBeforeBackup) {
            assertTrue(inCopy.contains(t.toString()), "reading of " + t + " was acknowledged before the backup began, and is missing");
        }
        assertTrue(inSource.containsAll(inCopy), "the copy has no reading the source never had");
        assertTrue(inCopy.size() < inSource.size(), "readings after the backup are not in it (" + inCopy.size() + " of " + inSource.size() + ")");
        System.out.printf("event=backup-restore-test acknowledgedBeforeBackup=%d inBackup=%d inSource=%d files=%d%n", ackedBeforeBackup.size(),
                inCopy.size(), inSource.size(), manifest.files().size());

        // the same restore again: first over the running hub, then over its stopped data folder
        assertEquals(1, lintelHub(work.resolve("running.log"), "restore", backup.toString(), "--data", target.toString()));
        assertTrue(Files.readString(work.resolve("running.log")).contains("another hub is running on data folder"), Files.readString(work.resolve("running.log")));
        copy.close();
        assertEquals(1, lintelHub(work.resolve("again.log"), "restore", backup.toString(), "--data", target.toString()));
        assertTrue(Files.readString(work.resolve("again.log")).contains("restore into an empty data folder"), Files.readString(work.resolve("again.log")));
        // a backup over a folder that is not empty
        int over = lintelHub(work.resolve("over.log"), "backup", backup.toString(), "--data", source.data.toString(),
                "--postgres-port", String.valueOf(source.postgresPort));
        assertEquals(1, over);
        assertTrue(Files.readString(work.resolve("over.log")).contains("is not empty"), Files.readString(work.resolve("over.log")));

        // a backup SIGKILLed once it has begun writing leaves no manifest, and a restore from it is refused untouched
        Path killed = work.resolve("killed-backup");
        Process cut = lintelHubStarted(work.resolve("killed.log"), "backup", killed.toString(), "--data", source.data.toString(),
                "--postgres-port", String.valueOf(source.postgresPort), "--site", SITE.toString());
        org.lintel.hub.Await.until("the backup writing its first file", Duration.ofSeconds(60), () -> {
            try (var written = Files.list(killed)) {
                return written.findAny().isPresent();
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        cut.destroyForcibly();
        assertTrue(cut.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve(HubBackup.MANIFEST)), "a killed backup has no manifest");
        Path untouched = TestFolders.passable("killed-backup-target");
        assertEquals(1, lintelHub(work.resolve("from-killed.log"), "restore", killed.toString(), "--data", untouched.toString()));
        assertTrue(Files.readString(work.resolve("from-killed.log")).contains("not a Lintel backup, or one that did not finish"),
                Files.readString(work.resolve("from-killed.log")));
        try (var left = Files.list(untouched)) {
            assertEquals(List.of(), left.toList(), "nothing written into the target");
        }
    }

    private static Set<String> times(String history) throws Exception {
        Set<String> out = new HashSet<>();
        for (JsonNode p : JSON.readTree(history).get("points")) {
            out.add(Instant.parse(p.get("time").asText()).toString());
        }
        return out;
    }

    @Test
    void aDamagedBackupIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path backup = TestFolders.passable("damaged-backup");
        Files.createDirectories(backup.resolve("data"));
        Files.writeString(backup.resolve("postgres.dump"), "not what was dumped");
        Files.writeString(backup.resolve(HubBackup.MANIFEST), """
                {"format": 1, "hubVersion": "test", "startedAt": "2026-12-06T00:00:00Z", "finishedAt": "2026-12-06T00:01:00Z",
                 "postgres": "embedded", "timeSeries": "embedded", "timeSeriesPoints": 0,
                 "files": [{"path": "postgres.dump", "bytes": 19, "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}]}
                """);
        Path target = TestFolders.passable("damaged-target");
        Path log = target.resolveSibling(target.getFileName() + ".log");
        assertEquals(1, lintelHub(log, "restore", backup.toString(), "--data", target.toString()));
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("postgres.dump is missing or damaged") && out.contains("nothing was restored"), out);
        try (var left = Files.list(target)) {
            assertEquals(List.of(), left.toList(), "nothing written into the target");
        }
    }
}
