package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final HttpDelivery delivery = new HttpDelivery("webhook");

    private final java.util.function.LongFunction<String> ackLink;

    public WebhookNotifier(URI url) {
        this(url, null);
    }

    /** {@code ackLink}: the recipient's signed acknowledgement link for an alarm id, or null for none. */
    public WebhookNotifier(URI url, java.util.function.LongFunction<String> ackLink) {
        this.url = url;
        this.ackLink = ackLink;
    }

    @Override
    public void notify(Alarm alarm, Transition t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarm", alarm);
        body.put("transition", t);
        if (ackLink != null && (t.to() == AlarmState.ACTIVE_UNACKNOWLEDGED || t.to() == AlarmState.RETURNED_UNACKNOWLEDGED)) {
            body.put("acknowledgeUrl", ackLink.apply(alarm.id()));
        }
        post(body, "site=" + alarm.site() + " device=" + alarm.device() + " alarm=" + alarm.id() + " type=" + alarm.type());
    }

    @Override
    public void digest(java.util.List<Alarm> alarms, java.time.Instant from, java.time.Instant to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digest", Map.of("from", from.toString(), "to", to.toString(), "count", alarms.size()));
        body.put("alarms", alarms);
        post(body, "digest=" + alarms.size());
    }

    @Override
    public void notice(String kind, String text, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("notice", kind);
        body.put("text", text);
        body.putAll(fields);
        post(body, "notice=" + kind);
    }

    private void post(Map<String, Object> body, String about) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            LOG.warn("event=webhook-encode-failed {} reason={}", about, e.getMessage());
            return;
        }
        send(about, json);
    }

    private void send(String about, byte[] json) {
        delivery.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), about + " url=" + url);
    }
}
