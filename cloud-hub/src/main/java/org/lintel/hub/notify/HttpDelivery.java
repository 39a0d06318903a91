package org.lintel.hub.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a notification request without making the sender wait, retrying a failed one three times (after 1 s, 2 s
 * and 4 s) before logging it as lost: what the webhook and SMS channels share. Any 2xx answer is a delivery.
 */
final class HttpDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    static final int RETRIES = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String channel;

    /** @param channel the channel's kind for the log line, e.g. {@code webhook} or {@code sms} */
    HttpDelivery(String channel) {
        this.channel = channel;
    }

    /** Sends {@code request}; {@code about} names the alarm (or digest) and the recipient in the log if it is lost. */
    void send(HttpRequest request, String about) {
        send(request, about, 0);
    }

    private void send(HttpRequest request, String about, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                return;
            }
            if (attempt < RETRIES) {
                CompletableFuture.delayedExecutor(1L << attempt, TimeUnit.SECONDS).execute(() -> send(request, about, attempt + 1));
            } else {
                LOG.warn("event={}-failed {} reason=\"{}\" attempts={}", channel, about, e != null ? e.toString() : "HTTP " + r.statusCode(),
                        attempt + 1);
            }
        });
    }
}
