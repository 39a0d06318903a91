package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CoAP as libcoap's coap-client and a Californium client see it: GET, Observe, DTLS with pre-shared keys, restarts. */
class CoapTest {

    private static SimHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1e-6);
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String uri(String path) {
        return "coap://127.0.0.1:" + (5683 + h.offset) + path;
    }

    private static SimHarness.Run get(String path) throws Exception {
        return SimHarness.run(20, "coap-client-notls", "-m", "get", "-B", "5", uri(path));
    }

    @Test
    void coapClientReadsTheDetectorsAlarmResourceAsJson() throws Exception {
        SimHarness.Run r = get("/detectors/b1-f01/alarm");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("{\"state\":\"normal\",\"tamper\":false,\"batteryLow\":false}"), r.output());
    }

    @Test
    void theIpsoTemperatureResourceIsSenml() throws Exception {
        SimHarness.Run r = get("/detectors/b1-f01/3303/0/5700");
        assertTrue(r.output().matches("(?s).*\\[\\{\"bn\":\"/3303/0/\",\"n\":\"5700\",\"v\":2[0-3]\\.\\d+}].*"), r.output());
    }

    @Test
    void anObserverSeesPreAlarmThenFire() throws Exception {
        Process observer = new ProcessBuilder("coap-client-notls", "-m", "get", "-s", "6", uri("/detectors/b1-f02/alarm"))
                .redirectErrorStream(true).start();
        Thread.sleep(800);
        String id = h.scenario("fire", "b1-f02-smoke", "{\"fireAfter\":\"30s\"}");
        Thread.sleep(1000);
        h.post("/clock", "{\"advance\":\"31s\"}");
        assertTrue(observer.waitFor(20, TimeUnit.SECONDS));
        String out = new String(observer.getInputStream().readAllBytes());
        int normal = out.indexOf("\"normal\"");
        int pre = out.indexOf("\"pre-alarm\"");
        int fire = out.indexOf("\"fire\"");
        assertTrue(normal >= 0 && pre > normal && fire > pre, "notifications in order normal → pre-alarm → fire:\n" + out);
        h.delete("/scenarios/" + id);
    }

    @Test
    void detectorFaultAndTamperAreReadOverTheWire() throws Exception {
        String fault = h.scenario("detector-fault", "b1-f01-smoke", null);
        String tamper = h.scenario("tamper", "b1-f01-smoke", null);
        try {
            String out = get("/detectors/b1-f01/alarm").output();
            assertTrue(out.contains("\"state\":\"fault\"") && out.contains("\"tamper\":true"), out);
        } finally {
            h.delete("/scenarios/" + fault);
            h.delete("/scenarios/" + tamper);
        }
        assertTrue(get("/detectors/b1-f01/alarm").output().contains("\"state\":\"normal\""));
    }

    @Test
    void dtlsWithTheRightPreSharedKeyReadsAndAWrongKeyDoesNot() throws Exception {
        String coaps = "coaps://127.0.0.1:" + (5684 + h.offset) + "/detectors/b1-0101/smoke";
        SimHarness.Run ok = SimHarness.run(20, "coap-client-openssl", "-m", "get", "-B", "5", "-u", "b1-0101-smoke", "-k", "test-psk-secret", coaps);
        assertTrue(ok.output().contains("{\"obscuration\":"), ok.output());
        SimHarness.Run bad = SimHarness.run(20, "coap-client-openssl", "-m", "get", "-B", "3", "-u", "b1-0101-smoke", "-k", "wrong-key", coaps);
        assertTrue(!bad.output().contains("obscuration"), bad.output());
    }

    @Test
    void afterARestartTheOldObserveRelationIsDeadAndANewOneWorks() throws Exception {
        CoapClient client = new CoapClient(uri("/detectors/b1-f01/alarm"));
        List<String> oldRelation = new CopyOnWriteArrayList<>();
        CoapObserveRelation rel = client.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                oldRelation.add(response.getResponseText());
            }

            @Override
            public void onError() {
            }
        });
        // the first exchange of a fresh client (endpoint start, JIT) can take longer than a fixed pause on a loaded machine
        awaitSize(oldRelation, 1, "the registration's first notification");
        h.scenario("coap-restart", "b1-f01-smoke", "{\"downtime\":\"1s\"}");
        Thread.sleep(2000);
        String tamper = h.scenario("tamper", "b1-f01-smoke", null);
        Thread.sleep(1500);
        assertEquals(1, oldRelation.size(), "the restarted server no longer knows the old observer: " + oldRelation);
        List<String> newRelation = new CopyOnWriteArrayList<>();
        CoapObserveRelation again = client.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                newRelation.add(response.getResponseText());
            }

            @Override
            public void onError() {
            }
        });
        awaitSize(newRelation, 1, "the new registration's first notification");
        assertTrue(newRelation.get(0).contains("\"tamper\":true"), newRelation.toString());
        h.delete("/scenarios/" + tamper);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!newRelation.get(newRelation.size() - 1).contains("\"tamper\":false") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(newRelation.get(newRelation.size() - 1).contains("\"tamper\":false"), "the new relation gets notifications: " + newRelation);
        rel.proactiveCancel();
        again.proactiveCancel();
        client.shutdown();
    }

    private static void awaitSize(List<String> notifications, int n, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (notifications.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, notifications.size(), what + ": " + notifications);
    }
}
