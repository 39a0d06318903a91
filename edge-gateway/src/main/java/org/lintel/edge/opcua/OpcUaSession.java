package org.lintel.edge.opcua;

import org.lintel.edge.poll.Driver;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.api.UaSession;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscriptionManager;
import org.eclipse.milo.opcua.stack.client.security.DefaultClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.Normalization;
import org.lintel.edge.normalize.RawResult;
import org.lintel.edge.poll.DeviceHealth;
import org.lintel.profile.Deadband;
import org.lintel.profile.Point;
import org.lintel.profile.opcua.OpcUaAddress;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.site.Connection;
import org.lintel.site.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OPC UA session of the gateway: an endpoint with one security policy, mode and login, serving the devices that
 * share them. Subscribed points become monitored items (sampling interval and absolute deadband from the profile);
 * the others are read at their poll group's interval. The session connects in the background and keeps trying
 * with backoff; Milo reconnects a dropped session and transfers subscriptions, and where the server cannot (it was
 * restarted) the subscription is created anew. Server certificates are checked against the trust folder: an
 * untrusted one is saved under {@code rejected/} for an engineer to review and move to {@code trusted/certs}.
 */
public final class OpcUaSession implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSession.class);

    /** A point of a device with its resolved node. */
    private record Item(DeviceContext device, Point point, NodeId node) {
    }

    private final String endpoint;
    private final Connection.OpcUa connection;
    private final List<DeviceContext> devices;
    private final Normalization normalization;
    private final Map<String, DeviceHealth> health;
    private final ScheduledExecutorService scheduler;
    private final Path pki;
    private final String gatewayId;
    private final AtomicInteger attempt = new AtomicInteger();
    private final List<ScheduledFuture<?>> reads = new ArrayList<>();
    private volatile OpcUaClient client;
    private volatile boolean closed;
    private volatile boolean up;

    public OpcUaSession(String gatewayId, Connection.OpcUa connection, List<DeviceContext> devices, Normalization normalization,
                        Map<String, DeviceHealth> health, ScheduledExecutorService scheduler, Path pki) {
        this.gatewayId = gatewayId;
        this.endpoint = connection.endpoint();
        this.connection = connection;
        this.devices = devices;
        this.normalization = normalization;
        this.health = health;
        this.scheduler = scheduler;
        this.pki = pki;
    }

    @Override
    public String kind() {
        return "opcua";
    }

    @Override
    public void start() {
        scheduler.execute(this::connect);
    }

    private String label() {
        return "gateway=" + gatewayId + " endpoint=" + endpoint + " policy=" + connection.securityPolicy() + " devices=" + devices.size();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            ClientIdentity id = ClientIdentity.loadOrCreate(pki, "urn:lintel:edge:" + gatewayId);
            DefaultTrustListManager trust = new DefaultTrustListManager(pki.resolve("pki").toFile());
            SecurityPolicy policy = SecurityPolicy.valueOf(connection.securityPolicy());
            MessageSecurityMode mode = switch (connection.securityMode()) {
                case NONE -> MessageSecurityMode.None;
                case SIGN -> MessageSecurityMode.Sign;
                case SIGN_AND_ENCRYPT -> MessageSecurityMode.SignAndEncrypt;
            };
            OpcUaClient c = OpcUaClient.create(endpoint,
                    eps -> eps.stream().filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()) && e.getSecurityMode() == mode).findFirst(),
                    b -> b.setApplicationName(LocalizedText.english("Lintel edge gateway " + gatewayId))
                            .setApplicationUri(id.applicationUri())
                            .setKeyPair(id.keyPair())
                            .setCertificate(id.certificate())
                            .setCertificateValidator(new DefaultClientCertificateValidator(trust))
                            .setIdentityProvider(identity(id))
                            .setRequestTimeout(uint(5000))
                            .build());
            c.addSessionActivityListener(new SessionActivityListener() {
                @Override
                public void onSessionActive(UaSession session) {
                    up = true;
                }

                @Override
                public void onSessionInactive(UaSession session) {
                    up = false;
                    failAll(Quality.bad(QualityReason.COMMUNICATION_FAILURE, "OPC UA session to " + endpoint + " lost"));
                }
            });
            c.getSubscriptionManager().addSubscriptionListener(new UaSubscriptionManager.SubscriptionListener() {
                @Override
                public void onSubscriptionTransferFailed(UaSubscription subscription, StatusCode status) {
                    LOG.info("event=opcua-subscription-recreated {} status=\"{}\"", label(), status);
                    scheduler.execute(() -> subscribe(c));
                }
            });
            c.connect().get(15, TimeUnit.SECONDS);
            client = c;
            up = true;
            attempt.set(0);
            LOG.info("event=opcua-connected {}", label());
            subscribe(c);
            scheduleReads(c);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            int n = attempt.incrementAndGet();
            long delay = Math.min(60_000, 1000L << Math.min(6, n - 1));
            if (n == 1 || n % 10 == 0) {
                LOG.info("event=opcua-connect-failed {} reason=\"{}\" retryMs={}{}", label(), cause.getMessage(), delay,
                        String.valueOf(cause.getMessage()).contains("Bad_SecurityChecksFailed") || String.valueOf(cause.getMessage()).contains("certificate")
                                ? " hint=\"if the server certificate is untrusted, review " + pki.resolve("pki/rejected") + " and move it to pki/trusted/certs\"" : "");
            }
            failAll(Quality.bad(QualityReason.COMMUNICATION_FAILURE, "cannot connect to " + endpoint + ": " + cause.getMessage()));
            if (!closed) {
                scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private IdentityProvider identity(ClientIdentity id) {
        if (connection.username() != null) {
            String pw = Secrets.fromEnvironment().resolve(connection.password()).orElseThrow(() -> new IllegalArgumentException(
                    "password " + connection.password() + " for OPC UA user " + connection.username() + " is not set in the environment"));
            return new UsernameProvider(connection.username(), pw);
        }
        if (connection.certificate() != null) {
            // The gateway's own application certificate doubles as its user certificate.
            return new X509IdentityProvider(id.certificate(), id.keyPair().getPrivate());
        }
        return new AnonymousProvider();
    }

    private List<Item> items(OpcUaClient c, boolean subscribed) {
        List<Item> out = new ArrayList<>();
        for (DeviceContext d : devices) {
            String root = ((Connection.OpcUa) d.device().connection()).root();
            for (Point p : d.profile().points()) {
                if (p.address() instanceof OpcUaAddress a && a.subscribe() == subscribed && p.access().canRead()) {
                    NodeId node = ExpandedNodeId.parse(a.nodeId(root)).toNodeId(c.getNamespaceTable()).orElse(null);
                    if (node == null) {
                        LOG.warn("event=opcua-namespace-missing {} device={} point={} namespace={}", label(), d.device().id(), p.name(), a.namespaceUri());
                        continue;
                    }
                    out.add(new Item(d, p, node));
                }
            }
        }
        return out;
    }

    private void subscribe(OpcUaClient c) {
        try {
            List<Item> items = items(c, true);
            if (items.isEmpty()) {
                return;
            }
            UaSubscription sub = c.getSubscriptionManager().createSubscription(250.0).get(10, TimeUnit.SECONDS);
            List<MonitoredItemCreateRequest> requests = new ArrayList<>();
            int handle = 1;
            for (Item it : items) {
                OpcUaAddress a = (OpcUaAddress) it.point().address();
                double sampling = a.samplingInterval() == null ? 500.0 : a.samplingInterval().toMillis();
                ExtensionObject filter = null;
                Deadband d = it.point().deadband();
                if (d.mode() == Deadband.Mode.ABSOLUTE && d.amount().signum() > 0) {
                    // The profile's deadband is in canonical units; the server compares raw values, so convert.
                    double raw = Math.abs(it.point().toRaw(d.amount().doubleValue()) - it.point().toRaw(0));
                    filter = ExtensionObject.encode(c.getStaticSerializationContext(),
                            new DataChangeFilter(DataChangeTrigger.StatusValue, uint(DeadbandType.Absolute.getValue()), raw));
                }
                requests.add(new MonitoredItemCreateRequest(
                        new ReadValueId(it.node(), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE),
                        MonitoringMode.Reporting, new MonitoringParameters(uint(handle++), sampling, filter, uint(10), true)));
            }
            Map<Integer, Item> byHandle = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                byHandle.put(i + 1, items.get(i));
            }
            sub.createMonitoredItems(TimestampsToReturn.Both, requests, (monitored, index) -> {
                Item it = byHandle.get(index + 1);
                monitored.setValueConsumer((m, value) -> deliver(it, value, Instant.now()));
            }).get(10, TimeUnit.SECONDS);
            LOG.info("event=opcua-subscribed {} items={}", label(), items.size());
        } catch (Exception e) {
            LOG.warn("event=opcua-subscription-failed {} reason=\"{}\"", label(), e.toString());
        }
    }

    private void scheduleReads(OpcUaClient c) {
        reads.forEach(f -> f.cancel(false));
        reads.clear();
        Map<Duration, List<Item>> byInterval = new LinkedHashMap<>();
        for (Item it : items(c, false)) {
            Duration every = it.device().device().pollGroupOverrides().getOrDefault(it.point().pollGroup(),
                    it.device().profile().pollGroups().get(it.point().pollGroup()));
            byInterval.computeIfAbsent(every, k -> new ArrayList<>()).add(it);
        }
        byInterval.forEach((every, items) -> reads.add(scheduler.scheduleAtFixedRate(() -> read(c, items), 0, every.toMillis(), TimeUnit.MILLISECONDS)));
    }

    private void read(OpcUaClient c, List<Item> items) {
        if (!up) {
            return;
        }
        Instant requested = Instant.now();
        try {
            List<DataValue> values = c.readValues(0, TimestampsToReturn.Both, items.stream().map(Item::node).toList()).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < items.size(); i++) {
                deliver(items.get(i), values.get(i), requested);
            }
        } catch (Exception e) {
            for (Item it : items) {
                fail(it, Quality.bad(QualityReason.TIMEOUT, "read failed: " + e.getMessage()), requested);
            }
        }
    }

    private void deliver(Item it, DataValue dv, Instant requested) {
        Quality q = OpcUaValues.quality(dv);
        Instant source = dv.getSourceTime() != null ? dv.getSourceTime().getJavaInstant() : requested;
        if (q != null && q.level() == org.lintel.reading.QualityLevel.BAD) {
            fail(it, q, source);
            return;
        }
        DeviceHealth h = health.get(it.device().device().id());
        h.success(0, Instant.now());
        normalization.submit(new RawResult.Values(it.device().device().id(),
                List.of(new RawResult.PointValue(it.point(), OpcUaValues.raw(dv.getValue().getValue()), q, source)), requested, Instant.now()));
    }

    private void fail(Item it, Quality q, Instant at) {
        health.get(it.device().device().id()).failure(q.reason(), Instant.now(), Duration.ofSeconds(5));
        normalization.submit(new RawResult.Values(it.device().device().id(),
                List.of(new RawResult.PointValue(it.point(), null, q, at)), at, Instant.now()));
    }

    private void failAll(Quality q) {
        Instant now = Instant.now();
        for (DeviceContext d : devices) {
            List<RawResult.PointValue> values = new ArrayList<>();
            for (Point p : d.profile().points()) {
                if (p.address() instanceof OpcUaAddress) {
                    values.add(new RawResult.PointValue(p, null, q, now));
                }
            }
            health.get(d.device().id()).failure(q.reason(), now, Duration.ofSeconds(5));
            normalization.submit(new RawResult.Values(d.device().id(), values, now, now));
        }
    }

    @Override
    public void close() {
        closed = true;
        reads.forEach(f -> f.cancel(false));
        OpcUaClient c = client;
        if (c != null) {
            try {
                c.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("event=opcua-disconnect-failed {} reason=\"{}\"", label(), e.toString());
            }
        }
    }
}
