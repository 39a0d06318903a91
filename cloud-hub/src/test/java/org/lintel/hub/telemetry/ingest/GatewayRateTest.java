package org.lintel.hub.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.app.Hub;
import org.lintel.hub.app.HubConfig;
import org.lintel.hub.TestEdgeNode;
import org.lintel.hub.TestFolders;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.EmbeddedPostgres;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/** One gateway's message rate limit on the embedded endpoint: it is slowed, nothing of it is lost, the others pass. */
class GatewayRateTest {

    static final String E = "energy.import.total";
    static final int RATE = 100;
    static final int MESSAGES = 500;
    static final int READINGS_PER_MESSAGE = 50;

    @Test
    void aGatewayOverItsMessageRateIsReadMoreSlowlyLosesNothingAndDoesNotHoldUpAnother() throws Exception {
        Path data = TestFolders.passable("hub-rate");
        try (Hub hub = Hub.start(HubConfig.embedded(data, 0, TestFolders.freePort(), 0)
                .withPostgres(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())
                .withSites(List.of(TestFolders.site("hub-test.yaml"))).withAdminToken("test-admin")
                .withMaxReadingAge(Duration.ofDays(3650)).withMaxGatewayRate(RATE));
             TestEdgeNode fast = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b1", "gw-b1", "b1-secret");
             TestEdgeNode other = new TestEdgeNode(hub.brokerUrl(), "hub-test", "gw-b2", "gw-b2", "b2-secret")) {
            Map<String, String> units = new LinkedHashMap<>(Map.of(E, "kWh"));
            Instant base = Instant.parse("2026-11-27T00:00:00Z");
            fast.awaitAcks = false;
            fast.nodeBirth();
            fast.deviceBirth("b1-0101-em", units);
            other.nodeBirth();
            other.deviceBirth("b1-spare-em", units);
            long start = System.nanoTime();
            // about 1 KB a message, 500 KB in all: the hub reads it in large chunks and holds it back message by message
            for (int i = 0; i < MESSAGES; i++) {
                Object[][] values = new Object[READINGS_PER_MESSAGE][];
                for (int k = 0; k < READINGS_PER_MESSAGE; k++) {
                    int n = i * READINGS_PER_MESSAGE + k;
                    values[k] = new Object[] {E, base.plusMillis(n), n / 100.0};
                }
                fast.data("b1-0101-em", false, values);
            }
            // meanwhile the other gateway's readings go through, each acknowledged before it sends the next
            for (int i = 0; i < 5; i++) {
                other.data("b1-spare-em", false, new Object[] {E, base.plusSeconds(i), (double) i});
            }
            long othersDone = fast.acknowledged.get();
            long total = fast.pending.size();
            Await.until("all of the fast gateway's messages acknowledged", Duration.ofSeconds(60), () -> fast.acknowledged.get() == total);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertTrue(othersDone < total, "the other gateway was served while the fast one was held back (" + othersDone + " of " + total + ")");
            // a bucket of one second's worth (taken by the births and the first messages), then RATE a second
            double lowerBound = (double) (MESSAGES - RATE) / RATE;
            assertTrue(seconds >= lowerBound, "500 messages at 100/s took " + seconds + " s, at least " + lowerBound + " expected");
            List<StoredPoint> stored = hub.store().history("hub-test", "b1-0101-em", E, base, base.plus(Duration.ofDays(1)), 100_000);
            assertEquals(MESSAGES * READINGS_PER_MESSAGE, stored.size(), "nothing of the throttled gateway lost");
            for (int n = 0; n < stored.size(); n++) {
                assertEquals(n / 100.0, stored.get(n).number(), "reading " + n);
            }
        }
    }
}
