package org.lintel.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;

/**
 * The gateway reads the simulated lifts over OPC UA: subscriptions and reads, None and SignAndEncrypt with username,
 * server trust managed in a folder, and recovery after the server restarts.
 */
class OpcUaPollingTest {

    private static EdgeHarness h;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void start() throws Exception {
        h = EdgeHarness.start(1e-6);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static Path pki() {
        return h.dataDir.resolve("gw-b1").resolve("opcua").resolve("pki");
    }

    /** Moves the server certificates the gateway rejected into its trusted folder, as an engineer would. */
    private static int trustRejected() throws Exception {
        Path rejected = pki().resolve("rejected");
        Path trusted = pki().resolve("trusted").resolve("certs");
        Files.createDirectories(trusted);
        int n = 0;
        for (int i = 0; i < 60 && n == 0; i++) {
            if (Files.isDirectory(rejected)) {
                try (Stream<Path> s = Files.list(rejected)) {
                    for (Path cert : s.filter(Files::isRegularFile).toList()) {
                        Files.move(cert, trusted.resolve(cert.getFileName()));
                        n++;
                    }
                }
            }
            if (n == 0) {
                Thread.sleep(250);
            }
        }
        return n;
    }

    @Test
    void anAnonymousLiftIsSubscribedAndItsCountersAreRead() throws Exception {
        Reading floor = h.await("b1-lift-1", "car.position", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("count", floor.unit());
        Reading mode = h.await("b1-lift-1", "car.mode", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertEquals("normal", ((Value.State) mode.value()).name());
        Reading trips = h.await("b1-lift-1", "trip.count", Instant.EPOCH, EdgeHarness::good, WAIT);
        assertTrue(((Value.Numeric) trips.value()).value() > 0);
    }

    @Test
    void anUntrustedServerIsRefusedUntilAnEngineerTrustsItsCertificate() throws Exception {
        assertTrue(trustRejected() >= 1, "the server certificate was saved for review in " + pki().resolve("rejected"));
        Reading trips = h.await("b1-lift-2", "trip.count", Instant.EPOCH, EdgeHarness::good, Duration.ofSeconds(90));
        assertTrue(((Value.Numeric) trips.value()).value() > 0);
    }

    @Test
    void aTrappedPassengerArrivesThroughTheSubscription() throws Exception {
        h.await("b1-lift-1", "passenger.trapped", Instant.EPOCH, EdgeHarness::good, WAIT);
        Instant since = Instant.now();
        String id = h.scenario("passenger-trapped", "b1-lift-1", null);
        h.await("b1-lift-1", "passenger.trapped", since, r -> r.value() instanceof Value.Flag f && f.value(), WAIT);
        Reading code = h.await("b1-lift-1", "fault.code", since, EdgeHarness::good, WAIT);
        assertEquals("car-stopped-outside-landing-zone", ((Value.State) code.value()).name());
        h.endScenario(id);
        h.await("b1-lift-1", "passenger.trapped", Instant.now(), r -> r.value() instanceof Value.Flag f && !f.value(), WAIT);
    }

    @Test
    void afterAServerRestartReadingsGoBadThenSubscriptionsComeBack() throws Exception {
        h.await("b1-lift-1", "maintenance.mode", Instant.EPOCH, EdgeHarness::good, WAIT);
        Instant since = Instant.now();
        h.scenario("opcua-restart", "b1-lift-1", "{\"downtime\":\"3s\"}");
        h.await("b1-lift-1", "car.position", since, r -> r.quality().reason() == QualityReason.COMMUNICATION_FAILURE, WAIT);
        Thread.sleep(4000);
        Instant after = Instant.now();
        String id = h.scenario("maintenance", "b1-lift-1", null);
        h.await("b1-lift-1", "maintenance.mode", after, r -> r.value() instanceof Value.Flag f && f.value(), Duration.ofSeconds(60));
        h.endScenario(id);
        List<Reading> bad = h.readings().stream().filter(r -> r.deviceId().equals("b1-lift-1") && !EdgeHarness.good(r)).toList();
        assertTrue(bad.stream().allMatch(r -> r.value() == null), "bad readings carry no value");
    }
}
