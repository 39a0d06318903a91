package org.lintel.hub.alarm;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an SMS through any HTTP SMS provider, described by a template: the URL and, for POST, the body, with
 * {@code {phone}} and {@code {text}} replaced (URL-encoded in the URL and in form bodies, JSON-escaped in JSON bodies).
 * Asynchronous, with three retries.
 */
public final class SmsNotifier implements AlarmNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SmsNotifier.class);

    private final String urlTemplate;
    private final String bodyTemplate;
    private final String contentType;
    private final String phone;
    private final ZoneId zone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final java.util.function.LongFunction<String> ackLink;

    public SmsNotifier(String urlTemplate, String bodyTemplate, String contentType, String phone, ZoneId zone) {
        this(urlTemplate, bodyTemplate, contentType, phone, zone, null);
    }

    /** {@code ackLink}: the recipient's signed acknowledgement link for an alarm id, or null for none. */
    public SmsNotifier(String urlTemplate, String bodyTemplate, String contentType, String phone, ZoneId zone,
                       java.util.function.LongFunction<String> ackLink) {
        this.ackLink = ackLink;
        this.urlTemplate = urlTemplate;
        this.bodyTemplate = bodyTemplate;
        this.contentType = contentType == null ? "application/x-www-form-urlencoded" : contentType;
        this.phone = phone;
        this.zone = zone;
    }

    @Override
    public void notify(Alarm alarm, Transition t) {
        send(AlarmText.of(alarm, t, zone, ackLink), "site=" + alarm.site() + " device=" + alarm.device() + " alarm=" + alarm.id());
    }

    @Override
    public void digest(java.util.List<Alarm> alarms, java.time.Instant from, java.time.Instant to) {
        send(AlarmText.digest(alarms, from, to, zone), "digest=" + alarms.size());
    }

    private void send(String text, String about) {
        String url = urlTemplate.replace("{phone}", enc(phone)).replace("{text}", enc(text));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bodyTemplate == null) {
            b.GET();
        } else {
            boolean json = contentType.contains("json");
            String body = bodyTemplate.replace("{phone}", json ? jsonEscape(phone) : enc(phone)).replace("{text}", json ? jsonEscape(text) : enc(text));
            b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        send(about, b.build(), 0);
    }

    private void send(String about, HttpRequest req, int attempt) {
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() / 100 == 2) {
                return;
            }
            if (attempt < 3) {
                java.util.concurrent.CompletableFuture.delayedExecutor(1L << attempt, java.util.concurrent.TimeUnit.SECONDS)
                        .execute(() -> send(about, req, attempt + 1));
            } else {
                LOG.warn("event=sms-failed {} phone={} reason=\"{}\"", about, phone,
                        e != null ? e.toString() : "HTTP " + r.statusCode());
            }
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
