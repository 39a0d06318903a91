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
 *
 * <p>Scaled out ({@link Share}): several instances, each taking a set of Sparkplug groups, announce the STATE of
 * their sites' host ids. Given several broker nodes ({@code tcp://a:1883,tcp://b:1883}), the host connects every share
 * to every node and announces on each node once its connections there are subscribed; the nodes need not forward
 * anything to each other, so a node's death strands nothing that another node accepted, and what the dead node had
 * accepted comes out of its journal when it is back (docs/operations.md, ScaleOutTest).
 */
public final class PrimaryHost implements AutoCloseable, Ingest.RebirthRequester {

    private static final Logger LOG = LoggerFactory.getLogger(PrimaryHost.class);

    private final List<MqttClient> clients = new ArrayList<>();
    private final List<Set<String>> subscribed = new ArrayList<>();
    /** Per connection: acknowledgements go out in the order the messages came in (see InOrderAcks). */
    private final List<InOrderAcks> acks = new ArrayList<>();
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
    private final java.util.SortedSet<String> released;
    private final java.util.Map<String, String> releasedHosts;
    /** What the released groups' host ids last said on each node ("node|host" → online): see {@link #forward}. */
    private final java.util.Map<String, Boolean> ownerOnline = new ConcurrentHashMap<>();
    /** How many connections share the groups (or gateways) on each broker node; client k is share k % shares of node k / shares. */
    private final int shares;
    private final List<String> brokerUrls;
    /**
     * With several broker nodes, one connection per node that only holds this host's STATE: a clustered broker (ActiveMQ
     * Artemis) keeps a retained message on the node it was published to, and a gateway on another node would never
     * hear that its host is online. Each carries a will, so a dead hub is offline on every node.
     */
    private final List<Announcer> announcers = new ArrayList<>();

    /** A connection to one broker node that holds one host id's STATE, its will saying offline. */
    private record Announcer(String hostId, int node, MqttClient client) {
    }
    private volatile boolean online;

    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics) {
        this(brokerUrl, user, password, hostId, consumers, maxMessageBytes, metrics, null);
    }

    /** {@code tls}: the socket factory for an {@code ssl://} broker (null: the JVM's default, or plain tcp://). */
    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics,
                       javax.net.ssl.SSLSocketFactory tls) {
        this(brokerUrl, user, password, hostId, consumers, maxMessageBytes, metrics, tls, Share.ALL);
    }

    /**
     * What one of several hub instances takes: its {@code groups} (sites; empty: every group), the groups of the
     * registry it does not take ({@code released}: unsubscribed at every connect, so that a persistent session that
     * once had them keeps nothing of theirs), and the host ids whose STATE it announces: each site's gateways follow
     * the host id their site file names, so a site moves between instances without touching its gateways.
     */
    public record Share(java.util.Set<String> groups, java.util.Set<String> released, java.util.Set<String> stateHosts,
                        java.util.Map<String, String> releasedHosts) {
        public static final Share ALL = new Share(java.util.Set.of(), java.util.Set.of(), java.util.Set.of());

        /** {@code releasedHosts}: the host id of each released group, whose STATE says when its new owner takes it. */
        public Share {
            groups = java.util.Set.copyOf(groups);
            released = java.util.Set.copyOf(released);
            stateHosts = java.util.Set.copyOf(stateHosts);
            releasedHosts = java.util.Map.copyOf(releasedHosts);
        }

        public Share(java.util.Set<String> groups, java.util.Set<String> released, java.util.Set<String> stateHosts) {
            this(groups, released, stateHosts, java.util.Map.of());
        }
    }

    /**
     * {@code groups}: the Sparkplug groups (sites) this host takes, each whole on one consumer connection (so that an
     * edge node's messages stay in order); empty for every group.
     */
    public PrimaryHost(String brokerUrl, String user, String password, String hostId, int consumers, int maxMessageBytes, HubMetrics metrics,
                       javax.net.ssl.SSLSocketFactory tls, Share share) {
        this.groups = new java.util.TreeSet<>(share.groups());
        this.released = new java.util.TreeSet<>(share.released());
        this.releasedHosts = share.releasedHosts();
        this.brokerUrls = java.util.Arrays.stream(brokerUrl.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
        this.tls = tls;
        this.hostId = hostId;
        this.user = user;
        this.password = password;
        this.maxMessageBytes = maxMessageBytes;
        this.metrics = metrics;
        this.shares = Math.max(1, consumers);
        // every share of the groups on every broker node: a gateway may publish to any node, and no message has to cross
        // between nodes to reach this host (see ScaleOutTest and docs/operations.md on broker clusters)
        for (int node = 0; node < brokerUrls.size(); node++) {
            for (int i = 0; i < shares; i++) {
                try {
                    String id = "lintel-hub-" + hostId + (i == 0 ? "" : "-" + i) + (node == 0 ? "" : "-n" + node);
                    MqttClient c = new MqttClient(brokerUrls.get(node), id, new MemoryPersistence());
                    c.setManualAcks(true);
                    clients.add(c);
                    acks.add(new InOrderAcks((messageId, qos) -> {
                        try {
                            c.messageArrivedComplete(messageId, qos);
                        } catch (MqttException | RuntimeException e) {
                            // a connection closed meanwhile (Paho throws a NullPointerException once closed): the broker delivers it again
                            LOG.debug("event=ack-failed id={} reason={}", messageId, e.toString());
                        }
                    }));
                    subscribed.add(ConcurrentHashMap.newKeySet());
                } catch (MqttException e) {
                    throw new IllegalArgumentException("MQTT broker URL " + brokerUrls.get(node) + ": " + e.getMessage(), e);
                }
            }
        }
        // a single hub on a single broker announces through its first consumer's connection and will, as always
        java.util.Set<String> announced = new java.util.TreeSet<>(share.stateHosts());
        if (announced.isEmpty() && brokerUrls.size() > 1) {
            announced.add(hostId);
        }
        for (String announcedHost : announced) {
            for (int i = 0; i < brokerUrls.size(); i++) {
                try {
                    announcers.add(new Announcer(announcedHost, i, new MqttClient(brokerUrls.get(i), "lintel-state-" + announcedHost + "-" + i,
                            new MemoryPersistence())));
                } catch (MqttException e) {
                    throw new IllegalArgumentException("MQTT broker URL " + brokerUrls.get(i) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Paho doubles its wait between reconnect attempts up to two minutes: a broker node back after a restart waited
     * that long for some of the host's connections, and its STATE said offline meanwhile (IndependentBrokersTest).
     */
    private static final int MAX_RECONNECT_DELAY_MS = 4_000;

    private MqttConnectOptions options(int index) {
        boolean primary = index == 0;
        MqttConnectOptions o = new MqttConnectOptions();
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        // one user per connection: a broker binding client ids to users keeps the connections apart
        o.setUserName(user == null ? null : MosquittoAcl.consumerUser(user, index % shares));
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MS);
        o.setMaxInflight(1000);
        o.setKeepAliveInterval(30);
        if (primary) {
            o.setWill(stateTopic(), state(false), 1, true);
        }
        return o;
    }

    private String stateTopic() {
        return stateTopic(hostId);
    }

    private static String stateTopic(String id) {
        return "spBv1.0/STATE/" + id;
    }

    private static byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"timestamp\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Connects (retrying while the broker is still starting) and starts feeding {@code target}. */
    public void start(Ingest target, Collection<String> knownGateways) {
        this.ingest = target;
        this.online = true;
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
                            announceIfReady(index, serverURI, reconnect);
                        }
                    });
                }

                @Override
                public void connectionLost(Throwable cause) {
                    acks.get(index).connectionLost();
                    withdraw(index);
                    LOG.warn("event=host-connection-lost host={} consumer={} reason={}", hostId, index, cause == null ? "-" : cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    arrived(client, acks.get(index), topic, message);
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            connect(client, options(i));
        }
        for (Announcer announcer : announcers) {
            MqttClient a = announcer.client();
            a.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (online && announcedOn.contains(announcer.node())) {
                        subscriber.execute(() -> announce(announcer, true));
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    LOG.warn("event=host-state-connection-lost host={} broker={} reason={}", hostId, a.getServerURI(), cause == null ? "-" : cause.getMessage());
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions o = new MqttConnectOptions();
            if (tls != null) {
                o.setSocketFactory(tls);
            }
            o.setUserName(user);
            if (password != null) {
                o.setPassword(password.toCharArray());
            }
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MS);
            o.setKeepAliveInterval(30);
            o.setWill(stateTopic(announcer.hostId()), state(false), 1, true);
            try {
                a.connect(o);
            } catch (MqttException e) {
                // a node that is down now: the automatic reconnect does not cover a first connect, so try again in the background
                LOG.warn("event=host-state-connect-failed host={} broker={} reason={}", hostId, a.getServerURI(), e.getMessage());
                subscriber.execute(() -> {
                    try {
                        connect(a, o);
                    } catch (IllegalStateException stillDown) {
                        LOG.warn("event=host-state-connect-failed host={} broker={} reason=\"{}\"", hostId, a.getServerURI(), stillDown.getMessage());
                    }
                });
            }
        }
    }

    private void announce(Announcer a, boolean up) {
        try {
            if (a.client().isConnected()) {
                a.client().publish(stateTopic(a.hostId()), state(up), 1, true);
            }
        } catch (MqttException e) {
            LOG.warn("event=host-state-failed host={} broker={} reason={}", a.hostId(), a.client().getServerURI(), e.getMessage());
        }
    }

    /**
     * Connection {@code index} is not subscribed any more: the STATE of this host's sites says offline on its broker
     * node until it is again, so that the gateways on that node hold their readings instead of publishing into a
     * session nobody takes from.
     */
    private void withdraw(int index) {
        ready.remove(index);
        int node = index / shares;
        if (!announcers.isEmpty()) {
            subscriber.execute(() -> {
                announcedOn.remove(node);
                for (Announcer a : announcers) {
                    if (a.node() == node) {
                        announce(a, false);
                    }
                }
            });
        } else if (index == 0) {
            subscriber.execute(() -> announced = false);
        }
    }

    /** The broker nodes on which the STATE of this host's sites says online: all of that node's connections are subscribed. */
    private final Set<Integer> announcedOn = ConcurrentHashMap.newKeySet();

    private boolean nodeReady(int node) {
        for (int k = node * shares; k < (node + 1) * shares; k++) {
            if (!ready.contains(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Publishes STATE online on a broker node once every connection to it is subscribed: gateways send their births
     * when they see it, and a birth published while a share is not yet subscribed would be lost to the host. Runs on
     * the subscriber thread.
     */
    private void announceIfReady(int index, String serverURI, boolean reconnect) {
        int node = index / shares;
        if (!announcers.isEmpty() && nodeReady(node) && online && announcedOn.add(node)) {
            for (Announcer a : announcers) {
                if (a.node() == node) {
                    announce(a, true);
                }
            }
            LOG.info("event=host-online host={} broker={} consumers={} groups={} reconnect={}", hostId, serverURI, shares,
                    groups.isEmpty() ? "all" : String.join(",", groups), reconnect);
        }
        if (announced || !nodeReady(0) || !clients.get(0).isConnected()) {
            return;
        }
        try {
            clients.get(0).publish(stateTopic(), state(true), 1, true);
            announced = true;
            if (announcers.isEmpty()) {
                LOG.info("event=host-online host={} broker={} consumers={} groups={} reconnect={}", hostId, serverURI, shares,
                        groups.isEmpty() ? "all" : String.join(",", groups), reconnect);
            }
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
            List<String> elsewhere = new ArrayList<>();
            released.forEach(r -> elsewhere.add("spBv1.0/" + r + "/#"));
            int i = 0;
            for (String group : groups) {
                (i++ % shares == index % shares ? filters : elsewhere).add("spBv1.0/" + group + "/#");
            }
            if (index % shares == 0) {
                // the first connection to each node hears when the instances that took this one's released groups are online there
                new java.util.TreeSet<>(releasedHosts.values()).forEach(h -> filters.add(stateTopic(h)));
            }
            if (done.isEmpty() && !elsewhere.isEmpty()) {
                // a persistent session keeps what it was once subscribed to: a group another instance (or consumer) now takes
                try {
                    client.unsubscribe(elsewhere.toArray(new String[0]));
                } catch (MqttException e) {
                    LOG.warn("event=host-unsubscribe-failed host={} consumer={} reason={}", hostId, index, e.getMessage());
                    return false;
                }
            }
        } else if (shares == 1) {
            filters.add("spBv1.0/#");
        } else {
            for (String gw : gateways) {
                if (Math.floorMod(gw.hashCode(), shares) == index % shares) {
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

    private volatile long lastArrival = System.nanoTime();



    /**
     * After STATE offline, what gateways sent before they heard it is still on its way: take it (stored and
     * acknowledged as usual) until nothing has come for two seconds, at most thirty, so that a site moved to another
     * instance leaves nothing behind in this one's session.
     */
    private void drain() {
        if (announcers.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try {
            while (System.nanoTime() < deadline && System.nanoTime() - lastArrival < java.util.concurrent.TimeUnit.SECONDS.toNanos(2)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Before disconnecting: what was received is stored and acknowledged (at most ten seconds), so that little is left
     * in this instance's sessions for the next start to pass on.
     */
    private void settle() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline && acks.stream().anyMatch(a -> a.waiting() > 0)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = acks.stream().mapToInt(InOrderAcks::waiting).sum();
        if (left > 0) {
            LOG.info("event=host-stopping host={} unacknowledged={} (the broker delivers them again)", hostId, left);
        }
    }

    private void arrived(MqttClient client, InOrderAcks inOrder, String topic, MqttMessage message) throws InterruptedException {
        lastArrival = System.nanoTime();
        Runnable ack = inOrder.arrived(message.getId(), message.getQos());
        if (topic.startsWith("spBv1.0/STATE/")) {
            int node = clients.indexOf(client) / shares;
            ownerOnline.put(node + "|" + topic.substring("spBv1.0/STATE/".length()),
                    new String(message.getPayload(), StandardCharsets.UTF_8).contains("\"online\":true"));
            ack.run();
            return;
        }
        if (!groups.isEmpty()) {
            String[] levels = topic.split("/", 3);
            if (levels.length > 2 && !groups.contains(levels[1])) {
                forward(client, topic, message, ack);
                return;
            }
        }
        if (message.getPayload().length > maxMessageBytes) {
            metrics.rejected("oversized", topic, message.getPayload().length + " bytes, limit " + maxMessageBytes);
            ack.run();
            return;
        }
        ingest.accept(new Ingest.Incoming(topic, message.getPayload(), message.isDuplicate(), ack));
    }

    private final Set<String> forwardedGroups = ConcurrentHashMap.newKeySet();

    /**
     * A message of a group this instance does not take (any more): it was on its way in this instance's session when
     * the group moved. Published again to its topic, where the instance that takes the group now receives it, and
     * acknowledged only then: a moved site loses nothing that was still in flight.
     */
    private final java.util.concurrent.ExecutorService forwarder = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hub-mqtt-forwarder");
        t.setDaemon(true);
        return t;
    });

    private void forward(MqttClient client, String topic, MqttMessage message, Runnable ack) {
        // on a thread of its own: a backlog of another instance's messages must not hold up subscribing and STATE
        forwarder.execute(() -> {
            // published before the new owner is subscribed, the message would reach nobody and be lost once acknowledged
            // here: wait for the owner's STATE online on this node (announced only once its connections are subscribed).
            // Meanwhile this connection's later acknowledgements wait too; the broker keeps those messages meanwhile
            String group = topic.split("/", 3)[1];
            String owner = releasedHosts.get(group);
            int node = clients.indexOf(client) / shares;
            long since = System.nanoTime();
            long nextSay = since;
            while (owner != null && !Boolean.TRUE.equals(ownerOnline.get(node + "|" + owner)) && client.isConnected() && !forwarder.isShutdown()) {
                if (System.nanoTime() >= nextSay) {
                    nextSay = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                    LOG.warn("event=group-forward-waiting host={} site={} owner={} broker={} waitedSeconds={} reason=\"the instance that takes the site is not"
                                    + " online on this broker node; this connection's acknowledgements wait with it\"", hostId, group, owner,
                            client.getServerURI(), java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            // acknowledgements leave in order, so one left unacknowledged would hold back the connection's others: tried
            // again while the connection lasts; once it is lost, the broker delivers the message again on the next one
            while (client.isConnected() && !forwarder.isShutdown()) {
                try {
                    client.publish(topic, message.getPayload(), 1, false);
                    if (forwardedGroups.add(topic.split("/", 3)[1])) {
                        LOG.info("event=group-message-forwarded host={} topic={} reason=not-this-instance's-group (further ones are forwarded quietly)", hostId, topic);
                    }
                    ack.run();
                    return;
                } catch (MqttException e) {
                    LOG.warn("event=group-forward-failed host={} topic={} reason={} action=retry-in-1s", hostId, topic, e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    @Override
    public void requestRebirth(String group, String edgeNode, String reason) {
        rebirths.due(group, edgeNode, System.currentTimeMillis()).ifPresent(command -> {
            try {
                // the gateway listens on whichever broker node it is connected to
                for (int node = 0; node < brokerUrls.size(); node++) {
                    MqttClient c = clients.get(node * shares);
                    if (c.isConnected()) {
                        c.publish(command.topic(), command.payload(), 0, false);
                    }
                }
                LOG.info("event=rebirth-requested site={} gateway={} reason=\"{}\"", group, edgeNode, reason);
            } catch (MqttException e) {
                LOG.warn("event=rebirth-request-failed site={} gateway={} reason={}", group, edgeNode, e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        online = false;
        forwarder.shutdown();
        for (Announcer a : announcers) {
            announce(a, false);
        }
        drain();
        settle();
        subscriber.shutdownNow();
        for (Announcer a : announcers) {
            try {
                if (a.client().isConnected()) {
                    a.client().disconnect(2_000);
                }
                a.client().close();
            } catch (MqttException e) {
                LOG.debug("event=host-state-close reason={}", e.getMessage());
            }
        }
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
