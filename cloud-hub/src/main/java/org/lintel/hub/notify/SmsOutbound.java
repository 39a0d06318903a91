package org.lintel.hub.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * SMS through any HTTP provider, described by a template as in the escalation file: the URL and, for POST, a body,
 * with {@code {phone}}, {@code {text}} and each field of the message ({@code {amount}}, {@code {room}}…, for
 * providers that take a registered template's parameters one by one) replaced, URL-encoded in the URL and form
 * bodies, JSON-escaped in JSON bodies. Any 2xx answer is a delivery.
 */
public final class SmsOutbound implements Outbound {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String urlTemplate;
    private final String bodyTemplate;
    private final String contentType;

    public SmsOutbound(String urlTemplate, String bodyTemplate, String contentType) {
        this.urlTemplate = urlTemplate;
        this.bodyTemplate = bodyTemplate;
        this.contentType = contentType == null ? "application/x-www-form-urlencoded" : contentType;
    }

    @Override
    public String kind() {
        return "sms";
    }

    @Override
    public Delivery send(Message m) {
        try {
            String url = fill(urlTemplate, m, false, false);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (bodyTemplate == null) {
                b.GET();
            } else {
                boolean json = contentType.contains("json");
                b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(fill(bodyTemplate, m, true, json), StandardCharsets.UTF_8));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String answer = r.body() == null ? "" : r.body().strip();
            return new Delivery(r.statusCode() / 100 == 2, "HTTP " + r.statusCode() + (answer.isEmpty() ? "" : " " + (answer.length() > 200
                    ? answer.substring(0, 200) + "…" : answer)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return new Delivery(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(false, "interrupted");
        }
    }

    private static String fill(String template, Message m, boolean body, boolean json) {
        String out = template.replace("{phone}", escape(m.to(), body, json)).replace("{text}", escape(m.text(), body, json));
        for (Map.Entry<String, String> f : m.fields().entrySet()) {
            out = out.replace("{" + f.getKey() + "}", escape(f.getValue(), body, json));
        }
        return out;
    }

    private static String escape(String s, boolean body, boolean json) {
        if (json) {
            return Json.escape(s);
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
