package org.lintel.hub.sparkplug;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.lintel.hub.ingest.Ingest;
import org.lintel.hub.metrics.HubMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT side as a Sparkplug B primary host application: it publishes its STATE (retained, with a will that
 * says offline), subscribes to all Sparkplug traffic with QoS 1 and manual acknowledgement, hands every message to
 * {@link Ingest}, and sends "Node Control/Rebirth" commands when Ingest asks for them (at most one per edge node every
 * few seconds). Oversized messages are rejected before decoding.
 */
public final class PrimaryHost implements AutoCloseable, Ingest.RebirthRequester {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryHost.class);
    private static final long REBIRTH_MIN_INTERVAL_MS = 5_000;

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final String hostId;
    private final int maxMessageBytes;
    private final HubMetrics metrics;
    private final Map<String, Long> lastRebirth = new ConcurrentHashMap<>();
    private volatile Ingest ingest;

    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int maxMessageBytes, HubMetrics metrics) {
        this.hostId = hostId;
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        try {
            this.client = new MqttClient(brokerUrl, "lintel-hub-" + hostId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("MQTT broker URL " + brokerUrl + ": " + e.getMessage(), e);
        }
        options.setUserName(user);
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1000);
        options.setKeepAliveInterval(30);
        options.setWill(stateTopic(), state(false), 1, true);
        client.setManualAcks(true);
    }

    private String stateTopic() {
        return "spBv1.0/STATE/" + hostId;
    }

    private static byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"timestamp\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Connects (retrying while the broker is still starting) and starts feeding {@code target}. */
    public void start(Ingest target) {
        this.ingest = target;
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                try {
                    client.subscribe("spBv1.0/#", 1);
                    client.publish(stateTopic(), state(true), 1, true);
                    LOG.info("event=host-online host={} broker={} reconnect={}", hostId, serverURI, reconnect);
                } catch (MqttException e) {
                    LOG.warn("event=host-subscribe-failed host={} reason={}", hostId, e.getMessage());
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("event=host-connection-lost host={} reason={}", hostId, cause == null ? "-" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                arrived(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttException last = null;
        for (int attempt = 0; attempt < 30; attempt++) {
            try {
                client.connect(options);
                return;
            } catch (MqttException e) {
                last = e;
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot connect to MQTT broker " + client.getServerURI() + ": " + (last == null ? "interrupted" : last.getMessage()), last);
    }

    private void arrived(String topic, MqttMessage message) throws InterruptedException {
        int id = message.getId();
        int qos = message.getQos();
        Runnable ack = () -> {
            if (qos > 0) {
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException e) {
                    LOG.debug("event=ack-failed id={} reason={}", id, e.getMessage());
                }
            }
        };
        if (topic.startsWith("spBv1.0/STATE/")) {
            ack.run();
            return;
        }
        if (message.getPayload().length > maxMessageBytes) {
            metrics.rejected("oversized", topic, message.getPayload().length + " bytes, limit " + maxMessageBytes);
            ack.run();
            return;
        }
        ingest.accept(new Ingest.Incoming(topic, message.getPayload(), ack));
    }

    @Override
    public void requestRebirth(String group, String edgeNode, String reason) {
        String node = group + "/" + edgeNode;
        long now = System.currentTimeMillis();
        Long last = lastRebirth.get(node);
        if (last != null && now - last < REBIRTH_MIN_INTERVAL_MS) {
            return;
        }
        lastRebirth.put(node, now);
        try {
            SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date())
                    .addMetric(new MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true).createMetric())
                    .createPayload();
            client.publish("spBv1.0/" + group + "/NCMD/" + edgeNode, new SparkplugBPayloadEncoder().getBytes(p, false), 0, false);
            LOG.info("event=rebirth-requested site={} gateway={} reason=\"{}\"", group, edgeNode, reason);
        } catch (Exception e) {
            LOG.warn("event=rebirth-request-failed site={} gateway={} reason={}", group, edgeNode, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.publish(stateTopic(), state(false), 1, true);
                client.disconnect(2_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.debug("event=host-close reason={}", e.getMessage());
        }
    }
}
