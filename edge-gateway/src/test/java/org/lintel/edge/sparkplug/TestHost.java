package org.lintel.edge.sparkplug;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/** A minimal Sparkplug primary host for tests: announces its STATE, records every message, sends commands. */
final class TestHost implements AutoCloseable {

    /** A received Sparkplug message. */
    record Message(String topic, SparkplugBPayload payload) {
        String type() {
            return topic.split("/")[2];
        }

        String device() {
            String[] p = topic.split("/");
            return p.length > 4 ? p[4] : null;
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    private final MqttClient client;
    private final String hostId;

    TestHost(String broker, String hostId) throws Exception {
        this.hostId = hostId;
        // A broker that has just started (Moquette) sometimes drops the very first connection: try a few times.
        MqttClient c = null;
        for (int attempt = 1; c == null; attempt++) {
            try {
                c = connect(broker, hostId);
            } catch (Exception e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(300);
            }
        }
        client = c;
    }

    private MqttClient connect(String broker, String hostId) throws Exception {
        MqttClient client = new MqttClient(broker, "test-host-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) throws Exception {
                if (!topic.startsWith("spBv1.0/STATE")) {
                    messages.add(new Message(topic, new SparkplugBPayloadDecoder().buildFromByteArray(m.getPayload(), null)));
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setWill("spBv1.0/STATE/" + hostId, state(false), 1, true);
        client.connect(o);
        try {
            client.subscribe("spBv1.0/#", 1);
            client.publish("spBv1.0/STATE/" + hostId, state(true), 1, true);
        } catch (Exception e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private static byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"timestamp\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    }

    void rebirth(String group, String node) throws Exception {
        SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date())
                .addMetric(new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true).createMetric()).createPayload();
        client.publish("spBv1.0/" + group + "/NCMD/" + node, new SparkplugBPayloadEncoder().getBytes(p, false), 1, false);
    }

    /**
     * The good energy readings the hosts received, by device@sourceMillis, with how often each arrived; {@code values}
     * gets each one's value, {@code aliases} the aliases the births gave.
     */
    static java.util.Map<String, Integer> energyReadings(List<TestHost> hosts, java.util.Map<String, Double> values, java.util.Map<Long, String> aliases) {
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        List<Message> all = new ArrayList<>();
        hosts.forEach(h -> all.addAll(h.messages));
        for (Message m : all) {
            if (m.type().equals("DBIRTH")) {
                for (Metric x : m.payload().getMetrics()) {
                    if ("energy.import.total".equals(x.getName())) {
                        aliases.put(x.getAlias(), m.device());
                    }
                }
            }
        }
        for (Message m : all) {
            if (m.type().equals("DDATA")) {
                for (Metric x : m.payload().getMetrics()) {
                    String device = aliases.get(x.getAlias());
                    if (device != null && x.getValue() != null && (x.getProperties() == null || x.getProperties().getPropertyValue("Quality") == null)) {
                        String key = device + "@" + x.getTimestamp().getTime();
                        count.merge(key, 1, Integer::sum);
                        values.put(key, (Double) x.getValue());
                    }
                }
            }
        }
        return count;
    }

    /** Says this host is offline (retained), as a hub does on a broker node it cannot take messages from. */
    void announce(boolean online) throws Exception {
        client.publish("spBv1.0/STATE/" + hostId, state(online), 1, true);
    }

    List<Message> of(String type) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.type().equals(type)) {
                out.add(m);
            }
        }
        return out;
    }

    /** Waits until the messages match, or fails listing what arrived. */
    void await(Predicate<List<Message>> condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.test(messages)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; got " + messages.size() + " messages: "
                + messages.stream().limit(20).map(Message::topic).toList());
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
