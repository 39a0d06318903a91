package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.Transition;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Sends an SMS through any HTTP SMS provider, described by a template: the URL and, for POST, the body, with
 * {@code {phone}} and {@code {text}} replaced (URL-encoded in the URL and in form bodies, JSON-escaped in JSON bodies).
 * Asynchronous, with three retries.
 */
public final class SmsNotifier implements AlarmNotifier {


    private final String urlTemplate;
    private final String bodyTemplate;
    private final String contentType;
    private final String phone;
    private final ZoneId zone;
    private final HttpDelivery delivery = new HttpDelivery("sms");

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

    @Override
    public void notice(String kind, String text, java.util.Map<String, Object> fields) {
        send(text, "notice=" + kind);
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
        delivery.send(b.build(), about + " phone=" + phone);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String s) {
        return Json.escape(s);
    }
}
