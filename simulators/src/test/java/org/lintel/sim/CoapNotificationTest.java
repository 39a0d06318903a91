package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scenario's change reaches CoAP observers when it happens, as a real detector notifies on change, not at the
 * server's next refresh tick: here the tick is an hour away, so any notification seen came from the change itself.
 * The observer is libcoap's coap-client.
 */
class CoapNotificationTest {

    private static SimHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1.0, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aFireIsNotifiedWhenItBreaksOutNotAtTheNextRefreshTick() throws Exception {
        Process observer = new ProcessBuilder("coap-client-notls", "-m", "get", "-s", "8",
                "coap://127.0.0.1:" + (5683 + h.offset) + "/detectors/b1-f02/alarm").redirectErrorStream(true).start();
        Thread.sleep(1000);
        String id = h.scenario("fire", "b1-f02-smoke", "{\"fireAfter\":\"1500ms\"}");
        assertTrue(observer.waitFor(30, TimeUnit.SECONDS));
        String out = new String(observer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int normal = out.indexOf("\"normal\"");
        int pre = out.indexOf("\"pre-alarm\"");
        int fire = out.indexOf("\"fire\"");
        assertTrue(normal >= 0 && pre > normal && fire > pre, "normal (registration), pre-alarm (scenario start), fire (1.5 s later):\n" + out);
        h.delete("/scenarios/" + id);
    }
}
