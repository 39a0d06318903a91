package org.lintel.hub.telemetry.endpoint;

import org.lintel.hub.core.GatewayKey;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.lintel.hub.telemetry.ingest.Ingest;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.telemetry.sparkplug.RebirthCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub as its gateways' MQTT server (embedded mode): no broker between the gateways and ingest, so a gateway's
 * publication is acknowledged only once its readings are stored, and a hub that dies has acknowledged nothing it
 * has not stored. The gateways keep what is unacknowledged in their own disk buffers and send it again; that is the
 * whole store-and-forward contract, with nothing in between that could lose it.
 *
 * <p>The hub acts as the Sparkplug primary host on this endpoint too: a gateway that subscribes to
 * {@code spBv1.0/STATE/<host>} is told at once whether the host is online, and is told offline when the hub stops.
 */
public final class GatewayEndpoint implements AutoCloseable, Ingest.RebirthRequester {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayEndpoint.class);

    private volatile boolean tls;

    private final Vertx vertx;
    private final GatewayAccess access;
    private final HubMetrics metrics;
    private final String hostId;
    private final int maxMessageBytes;
    private final int maxGatewayRate;
    private final Outstanding outstanding;
    private final RebirthCommand rebirths = new RebirthCommand();
    private final Map<GatewayKey, GatewayConnection> connections = new ConcurrentHashMap<>();
    private final Set<GatewayConnection> paused = ConcurrentHashMap.newKeySet();
    private final Set<ObserverConnection> observers = ConcurrentHashMap.newKeySet();
    private volatile Ingest ingest;
    private volatile boolean online;
    private MqttServer server;

    /**
     * @param ingestCapacity how many messages ingest queues at most: what the endpoint has outstanding stays below half
     *                       of it, so handing a message over never fails in normal operation
     * @param maxGatewayRate messages per second one gateway may send, 0 for no limit
     */
    public GatewayEndpoint(Vertx vertx, GatewayAccess access, HubMetrics metrics, String hostId, int maxMessageBytes, int ingestCapacity,
                           int maxGatewayRate) {
        this.maxGatewayRate = maxGatewayRate;
        this.vertx = vertx;
        this.access = access;
        this.metrics = metrics;
        this.hostId = hostId;
        this.maxMessageBytes = maxMessageBytes;
        this.outstanding = Outstanding.limits(1_000, 16L << 20, ingestCapacity / 2, 128L << 20);
    }

    /** Starts accepting gateways; call once ingest is ready to store, since a gateway sends as soon as it is accepted. */
    public void listen(String host, int port, Ingest target) {
        listen(host, port, target, null, null, null);
    }

    /**
     * As {@link #listen(String, int, Ingest)}, over TLS when {@code cert} and {@code key} (PEM) are given; with
     * {@code clientCa}, a gateway must also show a certificate signed by that CA before its password is even read.
     */
    public void listen(String host, int port, Ingest target, java.nio.file.Path cert, java.nio.file.Path key, java.nio.file.Path clientCa) {
        this.ingest = target;
        this.tls = cert != null;
        this.online = true;
        // the decoder's limit is above the payload limit so that an oversized payload is counted and acknowledged
        // (the gateway then drops it) rather than the connection being cut, which would make the gateway resend it
        MqttServerOptions options = new MqttServerOptions().setHost(host).setPort(port)
                .setMaxMessageSize(maxMessageBytes * 2 + 1024).setMaxClientIdLength(256);
        if (cert != null) {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
            if (clientCa != null) {
                options.setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(clientCa.toString()))
                        .setClientAuth(io.vertx.core.http.ClientAuth.REQUIRED);
            }
        }
        MqttServer s = MqttServer.create(vertx, options);
        s.endpointHandler(this::connecting);
        s.exceptionHandler(e -> LOG.warn("event=gateway-endpoint-error reason=\"{}\"", e.toString()));
        try {
            server = s.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen for gateways on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        LOG.info("event=gateway-endpoint-listening host={} port={} hostId={} tls={} clientCertificates={}", host, server.actualPort(), hostId,
                cert != null, clientCa != null);
    }

    private void connecting(MqttEndpoint endpoint) {
        Context context = Vertx.currentContext();
        String user = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        byte[] password = endpoint.auth() == null || endpoint.auth().getPassword() == null ? null
                : endpoint.auth().getPassword().getBytes(StandardCharsets.UTF_8);
        boolean v5 = endpoint.protocolVersion() >= 5;
        if (GatewayAccess.OBSERVER_USER.equals(user)) {
            observe(endpoint, password, context, v5);
            return;
        }
        // checking a password is slow on purpose (PBKDF2): not on the event loop, which serves every other gateway
        vertx.executeBlocking(() -> access.login(endpoint.clientIdentifier(), user, password), false).onComplete(r -> {
            Optional<GatewayAccess.Login> login = r.succeeded() ? r.result() : Optional.empty();
            if (r.failed()) {
                LOG.warn("event=gateway-login-failed client={} reason=\"{}\"", endpoint.clientIdentifier(), r.cause().toString());
            }
            if (login.isEmpty()) {
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            if (endpoint.will() != null && endpoint.will().isWillFlag() && !access.mayLeaveWill(login.get(), endpoint.will().getWillTopic())) {
                metrics.rejected("unauthorized-will", "gateway " + login.get().key(), "may not leave a will on " + endpoint.will().getWillTopic()
                        + "; a gateway's will is its own NDEATH, spBv1.0/" + login.get().site() + "/NDEATH/" + login.get().gateway());
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
                return;
            }
            if (!online) {
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                        : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                return;
            }
            GatewayConnection c = new GatewayConnection(this, endpoint, login.get(), context);
            // one connection per gateway, whatever client id it uses: the newest wins, the old one (half-open, or a
            // gateway that restarted) is closed; its unacknowledged messages come again on the new one
            GatewayConnection old = connections.put(login.get().key(), c);
            if (old != null) {
                old.replaced();
            }
            c.open();
        });
    }

    /** An integrator who watches the traffic, read only: an API token as the password, no will. */
    private void observe(MqttEndpoint endpoint, byte[] password, Context context, boolean v5) {
        vertx.executeBlocking(() -> access.observer(endpoint.clientIdentifier(), password), false).onComplete(r -> {
            Optional<String> who = r.succeeded() ? r.result() : Optional.empty();
            if (who.isEmpty()) {
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            if (endpoint.will() != null && endpoint.will().isWillFlag()) {
                metrics.rejected("unauthorized-will", "observer " + who.get(), "an observer may not leave a will");
                endpoint.reject(v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5 : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
                return;
            }
            ObserverConnection c = new ObserverConnection(this, endpoint, who.get(), context);
            observers.add(c);
            c.open();
        });
    }

    /** A gateway's publication passed the topic check: its observers get a copy. */
    void observed(String topic, io.vertx.core.buffer.Buffer payload) {
        if (!observers.isEmpty()) {
            observers.forEach(o -> o.published(topic, payload));
        }
    }

    void observerClosed(ObserverConnection c) {
        observers.remove(c);
    }

    GatewayAccess access() {
        return access;
    }

    HubMetrics metrics() {
        return metrics;
    }

    String stateTopic() {
        return "spBv1.0/STATE/" + hostId;
    }

    byte[] state() {
        return state(online);
    }

    byte[] offlineState() {
        return state(false);
    }

    private static byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"timestamp\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Messages per second one gateway may send (0: no limit). */
    int maxGatewayRate() {
        return maxGatewayRate;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    Outstanding outstanding() {
        return outstanding;
    }

    Ingest ingest() {
        return ingest;
    }

    /** A connection that stopped reading and waits for the other gateways' traffic to be stored. */
    void pausedConnection(GatewayConnection c) {
        paused.add(c);
    }

    /** Something was stored: wakes paused connections once the total is low enough. */
    void released() {
        if (paused.isEmpty() || !outstanding.totalBelowResume()) {
            return;
        }
        for (GatewayConnection c : paused) {
            if (paused.remove(c)) {
                c.context().runOnContext(v -> c.resumeIfBelow());
            }
        }
    }

    void connectionClosed(GatewayConnection c) {
        connections.remove(c.login().key(), c);
        paused.remove(c);
    }

    /** The port gateways connect to (the configured one, or the one chosen for port 0). */
    public int port() {
        return server.actualPort();
    }

    public String url() {
        return (tls ? "ssl://" : "tcp://") + "127.0.0.1:" + port();
    }

    @Override
    public void requestRebirth(String group, String edgeNode, String reason) {
        GatewayConnection c = connections.get(new GatewayKey(group, edgeNode));
        if (c == null) {
            return;
        }
        rebirths.due(group, edgeNode, System.currentTimeMillis()).ifPresent(command -> {
            c.command(command.topic(), command.payload());
            LOG.info("event=rebirth-requested site={} gateway={} reason=\"{}\"", group, edgeNode, reason);
        });
    }

    @Override
    public void close() {
        online = false;
        connections.values().forEach(GatewayConnection::hostStopping);
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("event=gateway-endpoint-stop-failed reason=\"{}\"", rootMessage(e));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
