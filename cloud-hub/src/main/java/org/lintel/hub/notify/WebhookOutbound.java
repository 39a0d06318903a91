package org.lintel.hub.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message POSTed as JSON to an integration (a WeChat official account's or an app's push service):
 * {@code {"kind": …, "to": the app user, "subject", "text", "fields": {…}}}. Any 2xx answer is a delivery.
 */
public final class WebhookOutbound implements Outbound {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final String kind;

    /** @param kind what the integration is told the message is, e.g. {@code payment-reminder} */
    public WebhookOutbound(URI url, String kind) {
        this.url = url;
        this.kind = kind;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public Delivery send(Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("to", m.to());
        body.put("subject", m.subject());
        body.put("text", m.text());
        body.put("fields", m.fields());
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Delivery(r.statusCode() / 100 == 2, "HTTP " + r.statusCode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a message does not serialize", e);
        } catch (java.io.IOException e) {
            return new Delivery(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(false, "interrupted");
        }
    }
}
