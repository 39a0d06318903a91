package org.lintel.hub.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.sim.Simulation;
import org.lintel.sim.SimulationOptions;

/**
 * The test community (community.yaml with free ports) with its time zone chosen so that a local time of day falls at
 * a given instant: a test about a local boundary (a bill period's midnight, a move-out at 14:37) happens in real
 * time, a minute or two after it starts, with a hub and a simulator whose time stands still until the test moves it.
 */
final class LocalTimeSite {

    private LocalTimeSite() {
    }

    /** The offset at which {@code at} is {@code local} o'clock (offsets of whole seconds, within ±18 h). */
    static ZoneOffset zoneWhere(LocalTime local, Instant at) {
        int offset = (int) Math.floorMod(local.toSecondOfDay() - at.getEpochSecond(), 86_400L);
        return ZoneOffset.ofTotalSeconds(offset > 64_800 ? offset - 86_400 : offset);
    }

    static Path siteFile(ZoneOffset zone) throws Exception {
        Path siteFile = TestFolders.siteWithFreePorts("community.yaml", 39621, 39622, 39631, 39783, 39940);
        Files.writeString(siteFile, Files.readString(siteFile).replace("timeZone: Asia/Shanghai", "timeZone: \"" + zone.getId() + "\""));
        return siteFile;
    }

    static Hub hub(Path siteFile, String name, String adminToken) throws Exception {
        return Hub.start(HubConfig.embedded(TestFolders.passable(name), 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password()).withSites(List.of(siteFile))
                .withAdminToken(adminToken));
    }

    /** The site's simulator, its time standing still from here on but for the steps a test takes. */
    static Simulation frozenSimulation(Path siteFile, String name) throws Exception {
        Simulation sim = Simulation.start(siteFile, SimulationOptions.defaults().withHttpPort(0).withStart(Instant.now())
                .withDataDir(Files.createTempDirectory(name)));
        sim.clock().setSpeed(1e-9);
        return sim;
    }

    static HttpResponse<String> send(Hub hub, String token, String method, String path, String type, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.apiPort() + path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r;
    }
}
