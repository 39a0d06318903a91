package org.lintel.edge.sparkplug;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.lintel.edge.forward.BufferedBatch;
import org.lintel.edge.forward.ReadingLog;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.ReadingBatch;
import org.lintel.edge.normalize.ReadingSink;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;
import org.lintel.reading.QualityLevel;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's uplink: a Sparkplug B edge node (group = site, edge node = gateway, device = device) behind a
 * store-and-forward buffer.
 *
 * <p>Every batch the route produces is first written durably into the buffer ({@link #accept} returns once it is on
 * disk). One publisher thread owns the MQTT session and the Sparkplug sequence numbers:
 * <ol>
 *   <li>it connects with NDEATH as the will, carrying a bdSeq that grows with every session;</li>
 *   <li>where a primary host is configured, it waits for that host's STATE to be online;</li>
 *   <li>it publishes NBIRTH and a DBIRTH per device;</li>
 *   <li>it publishes the buffer in order as DDATA at QoS 1. Records written while the uplink was down, or still
 *       unsent at reconnect, are flagged historical. A record counts as delivered, and leaves the buffer, only when
 *       the broker has acknowledged it.</li>
 * </ol>
 * A device whose readings all fail for lack of an answer gets a DDEATH, and a DBIRTH when it answers again. An NCMD
 * {@code Node Control/Rebirth} makes it publish all births again.
 *
 * <p>Given several broker nodes, it is connected to one at a time and walks to the next (as Sparkplug edge nodes do
 * with a server list) when that node is unreachable, when the connection is lost, and when its primary host is offline
 * there, or has said nothing, for {@link UplinkSettings#hostWait()}: a scaled-out hub announces its STATE per node and
 * says offline on a node it cannot take messages from. Before walking it publishes its NDEATH; what the left node had
 * not acknowledged is sent again on the next one, flagged historical.
 */
public final class SparkplugUplink implements ReadingSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugUplink.class);

    private final UplinkSettings settings;
    private final String siteId;
    private final Map<String, DeviceContext> devices = new HashMap<>();
    private final MetricCatalog catalog;
    private final ReadingLog log;
    private final Thread publisher;
    private final Object wake = new Object();
    private final Map<String, Map<String, Reading>> lastValues = new ConcurrentHashMap<>();
    private final Map<String, Boolean> alive = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong births = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile boolean hostOnline;
    private volatile boolean rebirth;
    /** The primary host said offline on this node while others may have it online. */
    private volatile boolean walk;
    /** The connection was lost: the next connect tries the next node. */
    private volatile boolean lost;
    private final List<String> brokers;
    private int node;
    /** Walks since the host was last online somewhere. */
    private int walks;
    private long connectedAt;
    private MqttAsyncClient client;
    private long seq;
    private long sentUpTo;
    private long replayUntil;
    private long lastAckPersist;

    public SparkplugUplink(UplinkSettings settings, String siteId, List<DeviceContext> devices) throws IOException {
        this.settings = settings;
        this.brokers = settings.brokers();
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("gateway " + settings.edgeNodeId() + ": no MQTT broker URL in '" + settings.broker() + "'");
        }
        this.siteId = siteId;
        devices.forEach(d -> this.devices.put(d.device().id(), d));
        this.catalog = new MetricCatalog(devices);
        this.log = ReadingLog.open(settings.bufferDir(), settings.bufferMaxBytes(), Math.min(8L << 20, Math.max(64 << 10, settings.bufferMaxBytes() / 16)));
        this.hostOnline = settings.primaryHostId() == null;
        this.publisher = new Thread(this::run, "sparkplug-" + settings.edgeNodeId());
        this.publisher.setDaemon(true);
    }

    public void start() {
        publisher.start();
    }

    /** Writes the batch into the buffer (durably) and wakes the publisher. */
    @Override
    public void accept(ReadingBatch batch) {
        DeviceContext ctx = devices.get(batch.deviceId());
        boolean[] precious = new boolean[batch.readings().size()];
        for (int i = 0; i < precious.length; i++) {
            Point p = ctx == null ? null : ctx.profile().point(batch.readings().get(i).point()).orElse(null);
            precious[i] = p == null || p.kind() != PointKind.GAUGE;
        }
        log.append(batch.deviceId(), !(connected && hostOnline), batch.readings(), precious);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public ReadingLog buffer() {
        return log;
    }

    public boolean isLive() {
        return connected && hostOnline;
    }

    /** DDATA messages the broker acknowledged since start. */
    public long published() {
        return published.get();
    }

    private void run() {
        int attempt = 0;
        while (running) {
            try {
                if (!connected) {
                    if (lost) {
                        lost = false;
                        nextNode();
                    }
                    if (!connect()) {
                        attempt++;
                        nextNode();
                        // a whole round of nodes refused: wait longer each round
                        pause(attempt < brokers.size() ? 500 : Math.min(30_000, 500L << Math.min(6, attempt / brokers.size())));
                        continue;
                    }
                    attempt = 0;
                }
                if (!hostOnline) {
                    if (brokers.size() > 1 && (walk || System.nanoTime() - connectedAt > settings.hostWait().toNanos())) {
                        leave(walk ? "host-offline" : "host-silent");
                        // the host offline on every node (a hub restarting): each further round waits longer, 1 s to 30 s
                        walks++;
                        if (walks % brokers.size() == 0) {
                            pause(Math.min(30_000, 1000L << Math.min(5, walks / brokers.size() - 1)));
                        }
                        continue;
                    }
                    pause(100);
                    continue;
                }
                walks = 0;
                if (rebirth) {
                    rebirth = false;
                    seq = 0; // an NBIRTH always starts the sequence again
                    publishBirths();
                    replayUntil = log.lastSequence();
                    sentUpTo = log.acknowledged();
                    inFlight.clear();
                }
                publishBacklog();
                persistAck(false);
            } catch (Exception e) {
                if (running) {
                    LOG.warn("event=uplink-error site={} gateway={} reason=\"{}\"", siteId, settings.edgeNodeId(), e.toString());
                    connected = false;
                    pause(1000);
                }
            }
        }
    }

    private long nextSeq() {
        long s = seq;
        seq = (seq + 1) % 256;
        return s;
    }

    private Path bdSeqFile() {
        return settings.bufferDir().resolve("bdseq");
    }

    /** The birth/death sequence for this session: one more than the last session's, kept on disk. */
    private long nextBdSeq() throws IOException {
        long next = 0;
        if (Files.exists(bdSeqFile())) {
            try {
                next = (Long.parseLong(Files.readString(bdSeqFile()).trim()) + 1) % 256;
            } catch (NumberFormatException e) {
                next = 0;
            }
        }
        Files.writeString(bdSeqFile(), Long.toString(next));
        return next;
    }

    private String broker() {
        return brokers.get(node);
    }

    private void nextNode() {
        node = (node + 1) % brokers.size();
    }

    /**
     * Leaves this node for the next: its primary host is offline here. The NDEATH a clean stop publishes, then a
     * disconnect; what was in flight is sent again on the next node (the buffer keeps it until acknowledged).
     */
    private void leave(String reason) {
        String from = broker();
        persistAck(true);
        connected = false;
        try {
            if (client.isConnected()) {
                client.publish(Topics.node(settings.groupId(), "NDEATH", settings.edgeNodeId()), Payloads.nodeDeath(currentBdSeq), 1, false)
                        .waitForCompletion(2000);
                client.disconnect().waitForCompletion(2000);
            }
        } catch (Exception e) {
            LOG.info("event=uplink-leave-unclean site={} gateway={} broker={} reason=\"{}\"", siteId, settings.edgeNodeId(), from, e.getMessage());
        }
        nextNode();
        LOG.info("event=uplink-walk site={} gateway={} from={} to={} host={} reason={} backlog={}", siteId, settings.edgeNodeId(), from, broker(),
                settings.primaryHostId(), reason, log.backlog());
    }

    private boolean connect() {
        try {
            if (client != null) {
                try {
                    client.close(true);
                } catch (MqttException ignored) {
                    // replaced below
                }
            }
            long bdSeq = nextBdSeq();
            client = new MqttAsyncClient(broker(), settings.clientId(), new MemoryPersistence());
            client.setCallback(new Callback());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(false);
            o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
            o.setConnectionTimeout(10);
            o.setMaxInflight(1000);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (settings.username() != null) {
                o.setUserName(settings.username());
                o.setPassword(settings.password() == null ? new char[0] : settings.password().toCharArray());
            }
            if (broker().startsWith("ssl://") && settings.caFile() != null) {
                o.setSocketFactory(sslContext(settings.caFile()).getSocketFactory());
            }
            o.setWill(Topics.node(settings.groupId(), "NDEATH", settings.edgeNodeId()), Payloads.nodeDeath(bdSeq), 1, false);
            client.connect(o).waitForCompletion(15_000);
            String g = settings.groupId();
            String n = settings.edgeNodeId();
            client.subscribe(new String[] {Topics.node(g, "NCMD", n), Topics.node(g, "DCMD", n) + "/+"}, new int[] {1, 1}).waitForCompletion(10_000);
            walk = false;
            connectedAt = System.nanoTime();
            if (settings.primaryHostId() != null) {
                hostOnline = false;
                client.subscribe(Topics.state(settings.primaryHostId()), 1).waitForCompletion(10_000);
            }
            connected = true;
            rebirth = true;
            seq = 0;
            currentBdSeq = bdSeq;
            LOG.info("event=uplink-connected site={} gateway={} broker={} bdSeq={} backlog={}", siteId, n, broker(), bdSeq, log.backlog());
            return true;
        } catch (Exception e) {
            LOG.info("event=uplink-connect-failed site={} gateway={} broker={} reason=\"{}\" backlog={}", siteId, settings.edgeNodeId(),
                    broker(), e.getMessage(), log.backlog());
            return false;
        }
    }

    private long currentBdSeq;

    private static SSLContext sslContext(Path caFile) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, (X509Certificate) cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private void publish(String topic, byte[] payload, IMqttActionListener listener) throws MqttException {
        while (true) {
            try {
                client.publish(topic, payload, 1, false, null, listener);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                pause(2);
            }
        }
    }

    private void publishBirths() throws Exception {
        String g = settings.groupId();
        String n = settings.edgeNodeId();
        publish(Topics.node(g, "NBIRTH", n), Payloads.nodeBirth(nextSeq(), currentBdSeq, siteId, n), null);
        for (String device : catalog.devices()) {
            publish(Topics.device(g, "DBIRTH", n, device), Payloads.deviceBirth(nextSeq(), catalog.device(device),
                    lastValues.getOrDefault(device, Map.of())), null);
            alive.put(device, true);
        }
        births.incrementAndGet();
        LOG.info("event=births-published site={} gateway={} devices={}", siteId, n, devices.size());
    }

    private static boolean silent(List<Reading> readings) {
        return !readings.isEmpty() && readings.stream().allMatch(r -> r.quality().level() == QualityLevel.BAD
                && (r.quality().reason() == QualityReason.TIMEOUT || r.quality().reason() == QualityReason.COMMUNICATION_FAILURE));
    }

    private void publishBacklog() throws Exception {
        List<BufferedBatch> batch = log.read(sentUpTo, 500);
        if (batch.isEmpty()) {
            synchronized (wake) {
                // accept() appends, then notifies under this lock: a record appended since the read must not wait for
                // the timeout (that lost wake-up put up to 50 ms into the fire-to-notification path)
                if (log.lastSequence() <= sentUpTo) {
                    wake.wait(50);
                }
            }
            return;
        }
        String g = settings.groupId();
        String n = settings.edgeNodeId();
        for (BufferedBatch b : batch) {
            if (!connected || rebirth || !hostOnline) {
                return;
            }
            boolean historical = b.historical() || b.sequence() <= replayUntil;
            Map<String, MetricCatalog.Entry> metrics = catalog.device(b.deviceId());
            boolean wasAlive = alive.getOrDefault(b.deviceId(), true);
            if (!historical && !silent(b.readings()) && !wasAlive) {
                publish(Topics.device(g, "DBIRTH", n, b.deviceId()), Payloads.deviceBirth(nextSeq(), metrics,
                        lastValues.getOrDefault(b.deviceId(), Map.of())), null);
                alive.put(b.deviceId(), true);
            }
            long s = b.sequence();
            inFlight.add(s);
            publish(Topics.device(g, "DDATA", n, b.deviceId()), Payloads.deviceData(nextSeq(), metrics, b.readings(), historical),
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            inFlight.remove(s);
                            published.incrementAndGet();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            connected = false;
                        }
                    });
            sentUpTo = s;
            Map<String, Reading> last = lastValues.computeIfAbsent(b.deviceId(), k -> new ConcurrentHashMap<>());
            for (Reading r : b.readings()) {
                last.put(r.point(), r);
            }
            if (!historical && silent(b.readings()) && wasAlive) {
                publish(Topics.device(g, "DDEATH", n, b.deviceId()), Payloads.deviceDeath(nextSeq()), null);
                alive.put(b.deviceId(), false);
            }
        }
    }

    /** Records everything up to the oldest record still in flight as delivered (at most every 50 ms, or when asked). */
    private void persistAck(boolean now) {
        long t = System.nanoTime();
        if (!now && t - lastAckPersist < 50_000_000L) {
            return;
        }
        lastAckPersist = t;
        long done = deliveredUpTo(inFlight, sentUpTo);
        if (done > log.acknowledged()) {
            log.acknowledge(done);
        }
    }

    /**
     * The highest sequence below every record still in flight. Paho's callback thread removes records concurrently,
     * so the set is read once with {@code ceiling}: an {@code isEmpty()} then {@code first()} pair could see the set
     * emptied in between and throw, which the uplink took for a lost connection (false communication-lost alarms).
     */
    static long deliveredUpTo(NavigableSet<Long> inFlight, long sentUpTo) {
        Long oldest = inFlight.ceiling(Long.MIN_VALUE);
        return oldest == null ? sentUpTo : oldest - 1;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            LOG.info("event=uplink-lost site={} gateway={} broker={} reason=\"{}\"", siteId, settings.edgeNodeId(), broker(),
                    cause == null ? "closed" : cause.getMessage());
            lost = brokers.size() > 1;
            connected = false;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                if (settings.primaryHostId() != null && topic.equals(Topics.state(settings.primaryHostId()))) {
                    String text = new String(message.getPayload(), StandardCharsets.UTF_8);
                    boolean online = text.contains("\"online\":true") || text.contains("\"online\" : true") || text.equals("ONLINE");
                    if (online && !hostOnline) {
                        rebirth = true;
                    }
                    hostOnline = online;
                    walk = !online && brokers.size() > 1;
                    LOG.info("event=primary-host-state site={} gateway={} host={} state={}", siteId, settings.edgeNodeId(), settings.primaryHostId(),
                            online ? "online" : "offline");
                } else if (topic.endsWith("/NCMD/" + settings.edgeNodeId())) {
                    SparkplugBPayload p = new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null);
                    for (Metric m : p.getMetrics()) {
                        if ("Node Control/Rebirth".equals(m.getName()) && Boolean.TRUE.equals(m.getValue())) {
                            LOG.info("event=rebirth-requested site={} gateway={}", siteId, settings.edgeNodeId());
                            rebirth = true;
                        }
                    }
                } else {
                    LOG.info("event=command-ignored site={} gateway={} topic={} reason=\"device commands are not supported yet\"", siteId, settings.edgeNodeId(), topic);
                }
            } catch (Exception e) {
                LOG.warn("event=message-refused site={} gateway={} topic={} reason=\"{}\"", siteId, settings.edgeNodeId(), topic, e.toString());
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // DDATA completions are handled by their listeners
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        publisher.interrupt();
        try {
            publisher.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persistAck(true);
        if (client != null) {
            try {
                if (client.isConnected()) {
                    // A clean stop: publish the death ourselves (the will only fires on unexpected loss).
                    client.publish(Topics.node(settings.groupId(), "NDEATH", settings.edgeNodeId()), Payloads.nodeDeath(currentBdSeq), 1, false)
                            .waitForCompletion(2000);
                    client.disconnect().waitForCompletion(2000);
                }
                client.close(true);
            } catch (Exception e) {
                LOG.debug("event=mqtt-close-failed reason=\"{}\"", e.toString());
            }
        }
        log.close();
    }
}
