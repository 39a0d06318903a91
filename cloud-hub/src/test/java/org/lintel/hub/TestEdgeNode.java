package org.lintel.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * A Sparkplug B edge node for tests, publishing what Lintel's gateway publishes (births with aliases and engUnit,
 * DDATA by alias with source timestamps), with knobs to misbehave: skip a seq, send garbage, publish elsewhere.
 */
public final class TestEdgeNode implements AutoCloseable {

    public final String site;
    final String gateway;
    public final MqttAsyncClient client;
    /** Every publication made with {@link #awaitAcks} false, in order; read it once publishing has stopped. */
    public final List<IMqttDeliveryToken> pending = java.util.Collections.synchronizedList(new ArrayList<>());
    /** How many of those the hub has acknowledged so far. */
    public final java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
    private final org.eclipse.paho.client.mqttv3.IMqttActionListener counter = new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
        @Override
        public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
            acknowledged.incrementAndGet();
        }

        @Override
        public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable cause) {
        }
    };
    /**
     * Whether a publication waits for its acknowledgement, as a simple client does; false to keep publishing while the
     * hub holds acknowledgements back (it acknowledges only what it has stored).
     */
    public boolean awaitAcks = true;
    public final List<String> commands = new CopyOnWriteArrayList<>();
    /** QoS of publications. */
    public int qos = 1;
    private long seq;
    private long bdSeq;
    private final Map<String, Long> aliases = new java.util.LinkedHashMap<>();

    public TestEdgeNode(String brokerUrl, String site, String gateway, String user, String password) throws MqttException {
        this(brokerUrl, site, gateway, user, password, true);
    }

    /** @param will whether to leave its NDEATH as its will (Lintel's gateways do; an impostor's forged will is refused) */
    public TestEdgeNode(String brokerUrl, String site, String gateway, String user, String password, boolean will) throws MqttException {
        this(brokerUrl, site, gateway, user, password, will, null);
    }

    /** @param tls the socket factory of an ssl:// broker (its CA, and a client certificate if the broker asks) */
    public TestEdgeNode(String brokerUrl, String site, String gateway, String user, String password, boolean will,
                        javax.net.ssl.SSLSocketFactory tls) throws MqttException {
        this.site = site;
        this.gateway = gateway;
        client = new MqttAsyncClient(brokerUrl, "edge-" + gateway + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        // one version, as Lintel's gateway: Paho's default would retry a refused connection with MQTT 3.1
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        if (will) {
            o.setWill("spBv1.0/" + site + "/NDEATH/" + gateway, bytes(new SparkplugBPayload.SparkplugBPayloadBuilder()
                    .addMetric(metric("bdSeq", MetricDataType.Int64, bdSeq)).createPayload()), 1, false);
        }
        client.connect(o).waitForCompletion(10_000); // a test must fail, not hang, if the hub never answers
    }

    public void listenForCommands() throws MqttException {
        client.subscribe("spBv1.0/" + site + "/NCMD/" + gateway, 1, (t, m) -> commands.add(t)).waitForCompletion(10_000);
    }

    public void nodeBirth() throws Exception {
        seq = 0;
        publish("NBIRTH", null, new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(seq)
                .addMetric(metric("bdSeq", MetricDataType.Int64, bdSeq))
                .addMetric(metric("Node Control/Rebirth", MetricDataType.Boolean, false)).createPayload());
    }

    /** DBIRTH with the given points (name → unit), aliases numbered in order. */
    public void deviceBirth(String device, Map<String, String> points) throws Exception {
        List<Metric> metrics = new ArrayList<>();
        for (Map.Entry<String, String> p : points.entrySet()) {
            long alias = aliases.computeIfAbsent(device + "/" + p.getKey(), k -> (long) aliases.size() + 1);
            PropertySet props = new PropertySet.PropertySetBuilder()
                    .addProperty("engUnit", new PropertyValue<>(PropertyDataType.String, p.getValue()))
                    .addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, 0)).createPropertySet();
            metrics.add(new Metric.MetricBuilder(p.getKey(), MetricDataType.Double, null).alias(alias).properties(props).createMetric());
        }
        publish("DBIRTH", device, new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(next()).addMetrics(metrics).createPayload());
    }

    /** DDATA with one value per entry: point, source time, value. */
    public void data(String device, boolean historical, Object[]... values) throws Exception {
        List<Metric> metrics = new ArrayList<>();
        for (Object[] v : values) {
            Object value = v[2];
            MetricDataType type = value instanceof Boolean ? MetricDataType.Boolean : value instanceof String ? MetricDataType.String : MetricDataType.Double;
            Metric.MetricBuilder b = new Metric.MetricBuilder(aliases.get(device + "/" + v[0]), type,
                    value instanceof Number n ? (Object) n.doubleValue() : value).timestamp(Date.from((Instant) v[1]));
            if (historical) {
                b.isHistorical(true);
            }
            metrics.add(b.createMetric());
        }
        publish("DDATA", device, new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(next()).addMetrics(metrics).createPayload());
    }

    /** DDATA of one point without a value: the gateway's read of the device timed out at {@code at}. */
    public void timedOut(String device, String point, Instant at) throws Exception {
        PropertySet props = new PropertySet.PropertySetBuilder()
                .addProperty("Quality", new PropertyValue<>(PropertyDataType.Int32, 0))
                .addProperty("qualityReason", new PropertyValue<>(PropertyDataType.String, "timeout")).createPropertySet();
        Metric m = new Metric.MetricBuilder(aliases.get(device + "/" + point), MetricDataType.Double, null).timestamp(Date.from(at))
                .properties(props).createMetric();
        publish("DDATA", device, new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(next()).addMetric(m).createPayload());
    }

    public void deviceDeath(String device) throws Exception {
        publish("DDEATH", device, new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date()).setSeq(next()).createPayload());
    }

    public void nodeDeath() throws Exception {
        publish("NDEATH", null, new SparkplugBPayload.SparkplugBPayloadBuilder().addMetric(metric("bdSeq", MetricDataType.Int64, bdSeq)).createPayload());
        bdSeq++;
    }

    public void skipSeq() {
        next();
    }

    public void raw(String topic, byte[] payload) throws MqttException {
        IMqttDeliveryToken token;
        while (true) {
            try {
                token = awaitAcks ? client.publish(topic, payload, qos, false) : client.publish(topic, payload, qos, false, null, counter);
                break;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                // as a gateway does: as many in flight as the window allows, then wait for acknowledgements
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        if (awaitAcks) {
            token.waitForCompletion(10_000);
        } else {
            pending.add(token);
        }
    }

    private long next() {
        seq = (seq + 1) % 256;
        return seq;
    }

    private void publish(String type, String device, SparkplugBPayload p) throws Exception {
        raw("spBv1.0/" + site + "/" + type + "/" + gateway + (device == null ? "" : "/" + device), bytes(p));
    }

    static byte[] bytes(SparkplugBPayload p) {
        try {
            return new SparkplugBPayloadEncoder().getBytes(p, false);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Metric metric(String name, MetricDataType type, Object value) {
        try {
            return new Metric.MetricBuilder(name, type, value).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(10_000);
        }
        client.close();
    }
}
