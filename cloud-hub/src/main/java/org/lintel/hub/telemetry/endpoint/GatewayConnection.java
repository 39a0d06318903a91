package org.lintel.hub.telemetry.endpoint;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.codes.MqttPubAckReasonCode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.lintel.hub.telemetry.ingest.Ingest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway's MQTT connection to the hub. A publication is acknowledged (PUBACK, or PUBREC for QoS 2) only when
 * ingest has stored its readings durably, so a gateway's own buffer keeps every reading the hub has not yet secured.
 * While too much of this gateway's traffic (or of all gateways') waits for storage, the socket is no longer read:
 * the gateway's TCP window fills and it slows down, instead of the hub buffering without bound.
 *
 * <p>Everything here runs on the connection's event loop; the store writers hop back onto it to acknowledge.
 */
final class GatewayConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConnection.class);
    private static final Field SOCKET = socketField();

    private final GatewayEndpoint hub;
    private final MqttEndpoint endpoint;
    private final GatewayAccess.Login login;
    private final Context context;
    private final NetSocket socket;
    private final Set<String> filters = new HashSet<>();
    private int messages;
    private long bytes;
    private boolean paused;
    private final MessageRate rate;
    /** Held back by the message rate, until a timer goes on with {@link #held}. */
    private boolean throttled;
    /**
     * Messages read but over the rate. Pausing the socket stops reading only after Netty's current read loop, which
     * may bring many small messages at once; they wait here (bounded by that loop) instead of passing unthrottled.
     */
    private final java.util.ArrayDeque<MqttPublishMessage> held = new java.util.ArrayDeque<>();
    private long throttledTimes;
    private boolean disconnected;
    private boolean closed;

    GatewayConnection(GatewayEndpoint hub, MqttEndpoint endpoint, GatewayAccess.Login login, Context context) {
        this.hub = hub;
        this.endpoint = endpoint;
        this.login = login;
        this.context = context;
        this.socket = socket(endpoint);
        this.rate = new MessageRate(hub.maxGatewayRate(), System.nanoTime());
    }

    GatewayAccess.Login login() {
        return login;
    }

    void open() {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::published);
        endpoint.publishReleaseHandler(endpoint::publishComplete);
        endpoint.subscribeHandler(s -> {
            List<MqttQoS> granted = new ArrayList<>();
            boolean state = false;
            for (MqttTopicSubscription t : s.topicSubscriptions()) {
                if (!validFilter(t.topicName())) {
                    hub.metrics().rejected("invalid-subscription", "gateway " + login.key(), "'" + t.topicName() + "' is not an MQTT topic filter");
                    granted.add(MqttQoS.FAILURE);
                } else if (hub.access().maySubscribe(login, t.topicName())) {
                    filters.add(t.topicName());
                    granted.add(t.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : t.qualityOfService());
                    state |= MqttTopic.isMatched(t.topicName(), hub.stateTopic());
                } else {
                    hub.metrics().rejected("unauthorized-subscription", "gateway " + login.key(), "may not subscribe to " + t.topicName());
                    granted.add(MqttQoS.FAILURE);
                }
            }
            endpoint.subscribeAcknowledge(s.messageId(), granted);
            if (state) {
                // STATE is retained: a subscriber learns the host's current state at once
                endpoint.publish(hub.stateTopic(), Buffer.buffer(hub.state()), MqttQoS.AT_LEAST_ONCE, false, true);
            }
        });
        endpoint.unsubscribeHandler(u -> {
            u.topics().forEach(filters::remove);
            endpoint.unsubscribeAcknowledge(u.messageId());
        });
        endpoint.disconnectHandler(v -> disconnected = true);
        endpoint.exceptionHandler(e -> LOG.warn("event=gateway-connection-error site={} gateway={} reason=\"{}\"", login.site(), login.gateway(), e.toString()));
        endpoint.closeHandler(v -> closed());
        endpoint.accept(false);
        LOG.info("event=gateway-connected site={} gateway={} client={} remote={}", login.site(), login.gateway(), endpoint.clientIdentifier(),
                endpoint.remoteAddress());
    }

    private void published(MqttPublishMessage m) {
        held.add(m);
        drainHeld();
    }

    /** Handles what the message rate allows now; over it, pauses the socket and sets a timer to go on. */
    private void drainHeld() {
        while (!held.isEmpty() && !throttled && !closed) {
            long waitMs = rate.tryTake(System.nanoTime());
            if (waitMs > 0) {
                throttle(waitMs);
                return;
            }
            handle(held.poll());
        }
    }

    private void handle(MqttPublishMessage m) {
        String topic = m.topicName();
        int qos = m.qosLevel().value();
        int id = m.messageId();
        if (!hub.access().mayPublish(login, topic)) {
            hub.metrics().rejected("unauthorized-topic", "gateway " + login.key(), "may not publish to " + topic);
            // MQTT 3.1.1 has no negative acknowledgement: acknowledged and dropped, so the gateway does not resend it forever
            acknowledge(id, qos, MqttPubAckReasonCode.NOT_AUTHORIZED);
            return;
        }
        byte[] payload = m.payload().getBytes();
        if (payload.length > hub.maxMessageBytes()) {
            hub.metrics().rejected("oversized", topic, payload.length + " bytes, limit " + hub.maxMessageBytes());
            acknowledge(id, qos, MqttPubAckReasonCode.PAYLOAD_FORMAT_INVALID);
            return;
        }
        messages++;
        bytes += payload.length;
        hub.observed(topic, m.payload());
        hub.outstanding().take(payload.length);
        Ingest.Incoming incoming = new Ingest.Incoming(topic, payload, m.isDup(), () -> context.runOnContext(v -> stored(id, qos, payload.length)));
        if (!hub.ingest().offer(incoming)) {
            // the limits keep this from happening; if it does, the gateway resends what was not acknowledged
            LOG.warn("event=gateway-disconnected site={} gateway={} reason=ingest-queue-full", login.site(), login.gateway());
            release(payload.length);
            endpoint.close();
            return;
        }
        if (!paused && hub.outstanding().overLimit(messages, bytes)) {
            paused = true;
            socket.pause();
            hub.pausedConnection(this);
        }
    }

    /** Over its message rate: the socket is not read for {@code waitMs}, then what is held goes on. */
    private void throttle(long waitMs) {
        throttled = true;
        if (throttledTimes++ == 0) {
            LOG.info("event=gateway-throttled site={} gateway={} limit={}/s (logged once per connection)", login.site(), login.gateway(),
                    hub.maxGatewayRate());
        }
        socket.pause();
        context.owner().setTimer(waitMs, t -> {
            throttled = false;
            drainHeld();
            if (!throttled && !paused && !closed) {
                socket.resume();
            }
        });
    }

    private void stored(int id, int qos, int size) {
        release(size);
        if (!closed) {
            acknowledge(id, qos, MqttPubAckReasonCode.SUCCESS);
        }
    }

    private void acknowledge(int id, int qos, MqttPubAckReasonCode code) {
        if (qos == 1) {
            if (code == MqttPubAckReasonCode.SUCCESS || endpoint.protocolVersion() < 5) {
                endpoint.publishAcknowledge(id);
            } else {
                endpoint.publishAcknowledge(id, code, io.netty.handler.codec.mqtt.MqttProperties.NO_PROPERTIES);
            }
        } else if (qos == 2) {
            endpoint.publishReceived(id);
        }
    }

    private void release(int size) {
        messages--;
        bytes -= size;
        hub.outstanding().give(size);
        resumeIfBelow();
        hub.released();
    }

    /** Reads the socket again once this gateway's and all gateways' waiting traffic is low enough. */
    void resumeIfBelow() {
        if (!paused || closed) {
            return;
        }
        if (hub.outstanding().belowResume(messages, bytes)) {
            paused = false;
            if (!throttled) {
                socket.resume();
            }
        } else if (hub.outstanding().ownBelowResume(messages, bytes)) {
            hub.pausedConnection(this); // waits for the other gateways' traffic to drain; its own acknowledgements will not wake it
        }
    }

    Context context() {
        return context;
    }

    /** Sends a command if the gateway subscribed to its topic; called on any thread. */
    void command(String topic, byte[] payload) {
        context.runOnContext(v -> {
            if (!closed && filters.stream().anyMatch(f -> MqttTopic.isMatched(f, topic))) {
                endpoint.publish(topic, Buffer.buffer(payload), MqttQoS.AT_MOST_ONCE, false, false);
            }
        });
    }

    /** The same gateway connected again (a half-open old connection, or a restarted gateway): this one goes. */
    void replaced() {
        context.runOnContext(v -> {
            LOG.info("event=gateway-connection-replaced site={} gateway={} client={}", login.site(), login.gateway(), endpoint.clientIdentifier());
            if (!closed) {
                endpoint.close();
            }
        });
    }

    /** The hub stops: tells a STATE subscriber that the host is offline, then closes. */
    void hostStopping() {
        context.runOnContext(v -> {
            if (!closed && filters.stream().anyMatch(f -> MqttTopic.isMatched(f, hub.stateTopic()))) {
                endpoint.publish(hub.stateTopic(), Buffer.buffer(hub.offlineState()), MqttQoS.AT_MOST_ONCE, false, true);
            }
            disconnected = true; // the hub closes the connection: the gateway did not die, its will does not apply
            if (!closed) { // the gateway may have closed it first
                endpoint.close();
            }
        });
    }

    private void closed() {
        closed = true;
        held.clear(); // never acknowledged: the gateway sends them again
        hub.connectionClosed(this);
        MqttWill will = endpoint.will();
        if (!disconnected && will != null && will.isWillFlag()) {
            // the gateway vanished without DISCONNECT: its will (its own NDEATH, checked at connect) is its last message
            if (!hub.ingest().offer(new Ingest.Incoming(will.getWillTopic(), will.getWillMessageBytes(), false, () -> { }))) {
                // the queue is bounded well above what gateways may have outstanding; if it is full anyway, it is said
                LOG.warn("event=gateway-will-dropped site={} gateway={} reason=ingest-queue-full (its offline state comes from the stale check)",
                        login.site(), login.gateway());
            }
        }
        LOG.info("event=gateway-disconnected site={} gateway={} clean={} waiting={} throttled={}", login.site(), login.gateway(), disconnected, messages,
                throttledTimes);
    }

    /** Paho's check of an MQTT topic filter (levels, + and # placement), so that matching later cannot fail. */
    static boolean validFilter(String filter) {
        try {
            MqttTopic.validate(filter, true);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Field socketField() {
        try {
            // Vert.x's MQTT endpoint does not expose pause/resume; its socket does, and back-pressure needs it
            Field f = io.vertx.mqtt.impl.MqttEndpointImpl.class.getDeclaredField("conn");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Vert.x MQTT version has no endpoint socket field 'conn'; back-pressure cannot work", e);
        }
    }

    private static NetSocket socket(MqttEndpoint endpoint) {
        try {
            return (NetSocket) SOCKET.get(endpoint);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
