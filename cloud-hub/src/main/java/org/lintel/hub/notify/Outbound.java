package org.lintel.hub.notify;

import java.util.Map;

/**
 * A channel that tells a person something and says whether it got there: SMS through a provider's template, e-mail,
 * or a webhook into a WeChat or app integration. Unlike alarm channels it answers synchronously, because what it
 * sends (a payment reminder) is logged with its delivery result and retried by its sender, not here.
 */
public interface Outbound {

    /** {@code fields}: the values a provider's template may take one by one ({@code {amount}}, {@code {room}}…). */
    record Message(String to, String subject, String text, Map<String, String> fields) {

        public Message {
            fields = Map.copyOf(fields);
        }
    }

    /** {@code detail}: the provider's answer (HTTP status, SMTP reply) or why it failed. */
    record Delivery(boolean delivered, String detail) {
    }

    /** The channel's kind as logs and the reminder log name it: sms, email, webhook. */
    String kind();

    /** Sends one message; a failure is a {@link Delivery} that says so, never an exception. */
    Delivery send(Message m);
}
