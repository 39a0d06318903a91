package org.lintel.hub.alarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alarm transition as JSON to a webhook, asynchronously so that the alarm engine never waits for a slow
 * receiver; a failed delivery is retried three times (1 s, 2 s, 4 s) and then logged.
 */
public final class WebhookNotifier implements AlarmNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookNotifier(URI url) {
        this.url = url;
    }

    @Override
    public void notify(Alarm alarm, Transition t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarm", alarm);
        body.put("transition", t);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            LOG.warn("event=webhook-encode-failed alarm={} reason={}", alarm.id(), e.getMessage());
            return;
        }
        send(alarm, json, 0);
    }

    private void send(Alarm alarm, byte[] json, int attempt) {
        HttpRequest req = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                return;
            }
            String why = e != null ? e.toString() : "HTTP " + r.statusCode();
            if (attempt < 3) {
                CompletableFuture.delayedExecutor(1L << attempt, TimeUnit.SECONDS).execute(() -> send(alarm, json, attempt + 1));
            } else {
                LOG.warn("event=webhook-failed site={} device={} alarm={} type={} url={} reason=\"{}\"", alarm.site(), alarm.device(), alarm.id(),
                        alarm.type(), url, why);
            }
        });
    }
}
