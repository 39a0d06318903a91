package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.HubProcesses;
import org.lintel.hub.TestFolders;

/**
 * The hub as its own process with the embedded defaults, killed with SIGKILL in the middle of money work: while two
 * counters take cash as fast as the API answers (every answered payment survives with its receipt number, the numbers
 * run from 1 without a gap, each statement adds up), and while a unit changes hands again and again (every answered
 * move-out survives with its issued final bill, and the unit's account is the last stored move-out's newcomer: a
 * move-out is never half done).
 */
class ReceivablesCrashTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "crash-admin";
    private HubProcesses hubs;
    private int httpPort;

    @AfterEach
    void stopEverything() throws Exception {
        if (hubs != null) {
            hubs.close();
        }
    }

    record Answered(String unit, long id, String receipt) {
    }

    @Test
    void aHubKilledWhileTwoCountersTakeCashLosesNoAnsweredPaymentAndNoReceiptNumber() throws Exception {
        hubs = new HubProcesses("hub-payment-crash", TestFolders.site("hub-test.yaml"), TOKEN);
        httpPort = hubs.httpPort;
        Process first = hubs.start("first");
        String tariff = Files.readString(Path.of(ReceivablesCrashTest.class.getResource("/receivables/collections.tariffs.yaml").toURI()));
        send("PUT", "/api/v1/sites/hub-test/tariff?name=collections.tariffs.yaml", TOKEN, tariff, 200);
        send("PUT", "/api/v1/sites/hub-test/billing-accounts", TOKEN, "[{\"unit\":\"b1-0101\",\"payer\":\"张伟\",\"feeItems\":[\"property-fee\",\"parking\"]},"
                + "{\"unit\":\"b1-0102\",\"payer\":\"王芳\",\"feeItems\":[\"property-fee\"]}]", 200);
        String manager = JSON.readTree(send("POST", "/api/v1/tokens", TOKEN, "{\"name\":\"经理\",\"role\":\"manager\"}", 200).body()).get("token").asText();
        long run = JSON.readTree(send("POST", "/api/v1/sites/hub-test/bill-runs", TOKEN, "{\"from\":\"2026-09-01\",\"to\":\"2026-10-01\"}", 200).body())
                .get("id").asLong();
        send("POST", "/api/v1/bill-runs/" + run + "/approve", manager, "{}", 200);
        send("POST", "/api/v1/bill-runs/" + run + "/issue", manager, "{}", 200);

        List<Answered> answered = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        List<Thread> counters = new ArrayList<>();
        for (String unit : List.of("b1-0101", "b1-0102")) {
            Thread t = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                while (!killed.get()) {
                    try {
                        HttpResponse<String> r = http.send(request("POST", "/api/v1/sites/hub-test/units/" + unit + "/payments", TOKEN,
                                "{\"amount\":\"1.00\",\"method\":\"cash\"}"), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            JsonNode p = JSON.readTree(r.body());
                            answered.add(new Answered(unit, p.get("id").asLong(), p.get("receiptNo").asText()));
                        }
                    } catch (Exception hubGone) {
                        return;
                    }
                }
            }, "counter-" + unit);
            t.start();
            counters.add(t);
        }
        Await.until("60 payments answered", Duration.ofSeconds(120), () -> answered.size() >= 60);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
        killed.set(true);
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        for (Thread t : counters) {
            t.join(30_000);
        }
        List<Answered> before = List.copyOf(answered);

        hubs.start("second");
        Map<Long, String> stored = new HashMap<>();
        BigDecimal paid = BigDecimal.ZERO;
        for (String unit : List.of("b1-0101", "b1-0102")) {
            for (JsonNode p : JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/" + unit + "/payments", TOKEN, null, 200).body())) {
                stored.put(p.get("id").asLong(), p.get("receiptNo").asText());
                paid = paid.add(new BigDecimal(p.get("amount").asText()));
            }
            JsonNode statement = JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/" + unit + "/statement", TOKEN, null, 200).body());
            assertTrue(statement.get("reconciles").asBoolean(), unit + ": " + statement.get("balance"));
        }
        for (Answered a : before) {
            assertEquals(a.receipt(), stored.get(a.id()), "payment " + a.id() + " was answered with receipt " + a.receipt() + " before the kill");
        }
        TreeSet<Integer> numbers = new TreeSet<>();
        stored.values().forEach(n -> numbers.add(Integer.parseInt(n)));
        assertEquals(stored.size(), numbers.size(), "no receipt number twice");
        assertEquals(1, numbers.first());
        assertEquals(stored.size(), numbers.last(), "receipt numbers 1.." + stored.size() + " without a gap: " + numbers);
        assertEquals(new BigDecimal(stored.size()).setScale(2), paid.setScale(2));
        assertTrue(stored.size() >= before.size());
        System.out.printf("event=payment-crash-test answered=%d stored=%d%n", before.size(), stored.size());
    }

    @Test
    void aHubKilledWhileAUnitChangesHandsLeavesEveryMoveOutWholeOrAbsent() throws Exception {
        hubs = new HubProcesses("hub-move-out-crash", TestFolders.site("hub-test.yaml"), TOKEN);
        httpPort = hubs.httpPort;
        Process first = hubs.start("first");
        String tariff = Files.readString(Path.of(ReceivablesCrashTest.class.getResource("/receivables/collections.tariffs.yaml").toURI()));
        send("PUT", "/api/v1/sites/hub-test/tariff?name=collections.tariffs.yaml", TOKEN, tariff, 200);
        send("PUT", "/api/v1/sites/hub-test/billing-accounts", TOKEN, "[{\"unit\":\"b1-0101\",\"payer\":\"occupant-0\",\"feeItems\":[\"parking\"]}]", 200);
        // one move-out a minute of a day long past, each settled from the 1st of that month
        java.time.Instant base = java.time.Instant.parse("2026-06-10T00:00:00Z");
        List<Integer> answeredMoves = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        Thread mover = new Thread(() -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            for (int i = 1; !killed.get(); i++) {
                try {
                    HttpResponse<String> r = http.send(request("POST", "/api/v1/sites/hub-test/units/b1-0101/move-outs", TOKEN, "{\"at\":\""
                            + base.plusSeconds(60L * i) + "\",\"from\":\"2026-06-01\",\"arriving\":{\"payer\":\"occupant-" + i + "\"}}"),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new AssertionError("move-out " + i + ": " + r.statusCode() + " " + r.body());
                    }
                    answeredMoves.add(i);
                } catch (java.io.IOException | InterruptedException hubGone) {
                    return;
                }
            }
        }, "mover");
        mover.start();
        Await.until("20 move-outs answered", Duration.ofSeconds(120), () -> answeredMoves.size() >= 20);
        first.destroyForcibly();
        killed.set(true);
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        mover.join(30_000);
        int lastAnswered = answeredMoves.get(answeredMoves.size() - 1);

        hubs.start("second");
        JsonNode moves = JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/b1-0101/move-outs", TOKEN, null, 200).body());
        int stored = moves.size();
        assertTrue(stored == lastAnswered || stored == lastAnswered + 1, "answered " + lastAnswered + ", stored " + stored);
        // latest first: each move-out's leaving payer is the one before's newcomer, and each has its final bill issued
        for (int k = 0; k < stored; k++) {
            JsonNode m = moves.get(k);
            int n = stored - k;
            assertEquals("occupant-" + n, m.get("arrivingPayer").asText());
            assertEquals("occupant-" + (n - 1), m.get("leavingPayer").asText());
            JsonNode run = JSON.readTree(send("GET", "/api/v1/bill-runs/" + m.get("runId").asLong(), TOKEN, null, 200).body()).get("run");
            assertEquals("issued", run.get("state").asText());
            assertEquals("move-out", run.get("kind").asText());
        }
        JsonNode accounts = JSON.readTree(send("GET", "/api/v1/sites/hub-test/billing-accounts", TOKEN, null, 200).body());
        assertEquals("occupant-" + stored, accounts.get(0).get("payer").asText(), "the account is the last stored move-out's newcomer");
        JsonNode statement = JSON.readTree(send("GET", "/api/v1/sites/hub-test/units/b1-0101/statement", TOKEN, null, 200).body());
        assertTrue(statement.get("reconciles").asBoolean());
        System.out.printf("event=move-out-crash-test answered=%d stored=%d%n", lastAnswered, stored);
    }

    HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", path.contains("/tariff") ? "application/yaml" : "application/json");
        }
        return b.build();
    }

    HttpResponse<String> send(String method, String path, String token, String body, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r;
    }
}
