package org.lintel.hub.telemetry.endpoint;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integrator watching the gateways' Sparkplug traffic (mosquitto_sub, MQTT Explorer, a Sparkplug-aware tool): it
 * gets a copy (QoS 0) of every publication a gateway was allowed to make, on the filters it subscribed to, and may
 * publish nothing. With an external broker, mosquitto's ACL gives the same read-only user.
 */
final class ObserverConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverConnection.class);

    private final GatewayEndpoint hub;
    private final MqttEndpoint endpoint;
    private final String who;
    private final Context context;
    private final Set<String> filters = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ObserverConnection(GatewayEndpoint hub, MqttEndpoint endpoint, String who, Context context) {
        this.hub = hub;
        this.endpoint = endpoint;
        this.who = who;
        this.context = context;
    }

    void open() {
        endpoint.subscribeHandler(s -> {
            List<MqttQoS> granted = new ArrayList<>();
            for (MqttTopicSubscription t : s.topicSubscriptions()) {
                if (GatewayConnection.validFilter(t.topicName()) && GatewayAccess.observerMaySubscribe(t.topicName())) {
                    filters.add(t.topicName());
                    granted.add(MqttQoS.AT_MOST_ONCE);
                } else {
                    hub.metrics().rejected("unauthorized-subscription", "observer " + who, "may subscribe to spBv1.0/... only, not " + t.topicName());
                    granted.add(MqttQoS.FAILURE);
                }
            }
            endpoint.subscribeAcknowledge(s.messageId(), granted);
        });
        endpoint.unsubscribeHandler(u -> {
            u.topics().forEach(filters::remove);
            endpoint.unsubscribeAcknowledge(u.messageId());
        });
        endpoint.publishHandler(m -> {
            // read only: a publication from an observer is never passed on; the connection is closed
            hub.metrics().rejected("observer-publish", "observer " + who, "observers may not publish (" + m.topicName() + ")");
            endpoint.close();
        });
        endpoint.closeHandler(v -> {
            closed = true;
            hub.observerClosed(this);
        });
        endpoint.exceptionHandler(e -> LOG.warn("event=observer-connection-error who={} reason=\"{}\"", who, e.toString()));
        endpoint.accept(false);
        LOG.info("event=observer-connected who={} client={} remote={}", who, endpoint.clientIdentifier(), endpoint.remoteAddress());
    }

    /** A gateway's accepted publication: passed on if a filter matches. Called on any thread. */
    void published(String topic, Buffer payload) {
        if (closed || filters.stream().noneMatch(f -> MqttTopic.isMatched(f, topic))) {
            return;
        }
        context.runOnContext(v -> {
            if (!closed) {
                endpoint.publish(topic, payload, MqttQoS.AT_MOST_ONCE, false, false);
            }
        });
    }
}
