package org.lintel.hub.telemetry.broker;

import org.lintel.hub.telemetry.sparkplug.RebirthCommand;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.lintel.hub.telemetry.ingest.Ingest;
import org.lintel.hub.core.HubMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT side as a Sparkplug B primary host application: it publishes its STATE (retained, with a will that
 * says offline), receives all Sparkplug traffic with QoS 1 and manual acknowledgement, hands every message to
 * {@link Ingest}, and sends "Node Control/Rebirth" commands when Ingest asks (at most one per edge node every few
 * seconds). Oversized messages are rejected before decoding.
 *
 * <p>A broker lets only a few unacknowledged QoS 1 messages be in flight per subscriber (Moquette: 10), which caps one
 * connection's throughput when acknowledgement waits for storage. With {@code consumers > 1} the host therefore
 * receives over several connections, each subscribed to the topics of a share of the registry's gateways, so that
 * one edge node's messages still arrive in order on one connection. With one consumer it subscribes to everything.
 */
public final class PrimaryHost implements AutoCloseable, Ingest.RebirthRequester {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryHost.class);

    private final List<MqttClient> clients = new ArrayList<>();
    private final List<Set<String>> subscribed = new ArrayList<>();
    private final String hostId;
    private final String user;
    private final String password;
    private final int maxMessageBytes;
    private final HubMetrics metrics;
    private final RebirthCommand rebirths = new RebirthCommand();
    private volatile Ingest ingest;
    private volatile Collection<String> gateways = List.of();
    /** Subscribing waits for SUBACK; never on Paho's callback thread, which must keep delivering (see connectComplete). */
    private final java.util.concurrent.ExecutorService subscriber = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-mqtt-subscriber");
        t.setDaemon(true);
        return t;
    });
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    private boolean announced;
    private final javax.net.ssl.SSLSocketFactory tls;
    private final java.util.SortedSet<String> groups;

    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics) {
        this(brokerUrl, user, password, hostId, consumers, maxMessageBytes, metrics, null);
    }

    /** {@code tls}: the socket factory for an {@code ssl://} broker (null: the JVM's default, or plain tcp://). */
    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics,
                       javax.net.ssl.SSLSocketFactory tls) {
        this(brokerUrl, user, password, hostId, consumers, maxMessageBytes, metrics, tls, java.util.Set.of());
    }

    /**
     * {@code groups}: the Sparkplug groups (sites) this host takes, each whole on one consumer connection (so that an
     * edge node's messages stay in order); empty for every group.
     */
    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics,
                       javax.net.ssl.SSLSocketFactory tls, java.util.Set<String> groups) {
        this.groups = new java.util.TreeSet<>(groups);
        this.tls = tls;
        this.hostId = hostId;
        this.user = user;
        this.password = password;
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        for (int i = 0; i < Math.max(1, consumers); i++) {
            try {
                MqttClient c = new MqttClient(brokerUrl, "lintel-hub-" + hostId + (i == 0 ? "" : "-" + i), new MemoryPersistence());
                c.setManualAcks(true);
                clients.add(c);
                subscribed.add(ConcurrentHashMap.newKeySet());
            } catch (MqttException e) {
                throw new IllegalArgumentException("MQTT broker URL " + brokerUrl + ": " + e.getMessage(), e);
            }
        }
    }

    private MqttConnectOptions options(int index) {
        boolean primary = index == 0;
        MqttConnectOptions o = new MqttConnectOptions();
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        // one user per connection: a broker binding client ids to users keeps the connections apart
        o.setUserName(user == null ? null : MosquittoAcl.consumerUser(user, index));
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxInflight(1000);
        o.setKeepAliveInterval(30);
        if (primary) {
            o.setWill(stateTopic(), state(false), 1, true);
        }
        return o;
    }

    private String stateTopic() {
        return "spBv1.0/STATE/" + hostId;
    }

    private static byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"timestamp\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Connects (retrying while the broker is still starting) and starts feeding {@code target}. */
    public void start(Ingest target, Collection<String> knownGateways) {
        this.ingest = target;
        this.gateways = List.copyOf(knownGateways);
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            MqttClient client = clients.get(i);
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    // a persistent session's queue arrives right after CONNACK, before any SUBACK: this thread must go
                    // on delivering it, so the (blocking) subscribe runs elsewhere; STATE online waits for every consumer
                    subscriber.execute(() -> {
                        subscribed.get(index).clear();
                        if (subscribe(index)) {
                            ready.add(index);
                            announceIfReady(serverURI, reconnect);
                        }
                    });
                }

                @Override
                public void connectionLost(Throwable cause) {
                    ready.remove(index);
                    if (index == 0) {
                        subscriber.execute(() -> announced = false);
                    }
                    LOG.warn("event=host-connection-lost host={} consumer={} reason={}", hostId, index, cause == null ? "-" : cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    arrived(client, topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            connect(client, options(i));
        }
    }

    /**
     * Publishes STATE online once every consumer is subscribed: gateways send their births when they see it, and a
     * birth published while a consumer is not yet subscribed would be lost to the host. Runs on the subscriber thread.
     */
    private void announceIfReady(String serverURI, boolean reconnect) {
        if (announced || ready.size() < clients.size() || !clients.get(0).isConnected()) {
            return;
        }
        try {
            clients.get(0).publish(stateTopic(), state(true), 1, true);
            announced = true;
            LOG.info("event=host-online host={} broker={} consumers={} groups={} reconnect={}", hostId, serverURI, clients.size(),
                    groups.isEmpty() ? "all" : String.join(",", groups), reconnect);
        } catch (MqttException e) {
            LOG.warn("event=host-state-failed host={} reason={}", hostId, e.getMessage());
        }
    }

    /** The registry changed: subscribe to the topics of gateways not yet covered. */
    public void gatewaysChanged(Collection<String> knownGateways) {
        this.gateways = List.copyOf(knownGateways);
        subscriber.execute(() -> {
            for (int i = 0; i < clients.size(); i++) {
                if (clients.get(i).isConnected()) {
                    subscribe(i);
                }
            }
        });
    }

    /** Subscribes consumer {@code index} to what it does not cover yet; true when it covers everything it should. */
    private boolean subscribe(int index) {
        MqttClient client = clients.get(index);
        Set<String> done = subscribed.get(index);
        List<String> filters = new ArrayList<>();
        if (!groups.isEmpty()) {
            int i = 0;
            for (String group : groups) {
                if (i++ % clients.size() == index) {
                    filters.add("spBv1.0/" + group + "/#");
                }
            }
        } else if (clients.size() == 1) {
            filters.add("spBv1.0/#");
        } else {
            for (String gw : gateways) {
                if (Math.floorMod(gw.hashCode(), clients.size()) == index) {
                    filters.add("spBv1.0/+/+/" + gw);
                    filters.add("spBv1.0/+/+/" + gw + "/+");
                }
            }
        }
        filters.removeIf(done::contains);
        if (filters.isEmpty()) {
            return true;
        }
        try {
            int[] qos = new int[filters.size()];
            java.util.Arrays.fill(qos, 1);
            client.subscribe(filters.toArray(new String[0]), qos);
            done.addAll(filters);
            return true;
        } catch (MqttException e) {
            LOG.warn("event=host-subscribe-failed host={} consumer={} reason={}", hostId, index, e.getMessage());
            return false;
        }
    }

    private static void connect(MqttClient client, MqttConnectOptions options) {
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

    private void arrived(MqttClient client, String topic, MqttMessage message) throws InterruptedException {
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
        ingest.accept(new Ingest.Incoming(topic, message.getPayload(), message.isDuplicate(), ack));
    }

    @Override
    public void requestRebirth(String group, String edgeNode, String reason) {
        rebirths.due(group, edgeNode, System.currentTimeMillis()).ifPresent(command -> {
            try {
                clients.get(0).publish(command.topic(), command.payload(), 0, false);
                LOG.info("event=rebirth-requested site={} gateway={} reason=\"{}\"", group, edgeNode, reason);
            } catch (MqttException e) {
                LOG.warn("event=rebirth-request-failed site={} gateway={} reason={}", group, edgeNode, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        subscriber.shutdownNow();
        for (int i = clients.size() - 1; i >= 0; i--) {
            MqttClient client = clients.get(i);
            try {
                if (client.isConnected()) {
                    if (i == 0) {
                        client.publish(stateTopic(), state(false), 1, true);
                    }
                    client.disconnect(2_000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.debug("event=host-close reason={}", e.getMessage());
            }
        }
    }
}
