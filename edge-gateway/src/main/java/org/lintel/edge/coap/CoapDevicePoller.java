package org.lintel.edge.coap;

import org.lintel.edge.poll.Driver;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.Normalization;
import org.lintel.edge.normalize.RawResult;
import org.lintel.edge.poll.DeviceHealth;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.site.Connection;
import org.lintel.site.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one CoAP device: resources whose points are observed are observed (RFC 7641), the others are fetched with GET
 * at their poll group's interval. An observed resource that has been quiet for the watchdog interval is fetched and
 * observed anew, so relations come back by themselves after the device restarts (a restarted device forgets its
 * observers and sends nothing). A coaps:// device gets its own DTLS endpoint with its pre-shared key.
 */
public final class CoapDevicePoller implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(CoapDevicePoller.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    /** How long after a notified change the resource is read to confirm it. */
    static final java.time.Duration CONFIRM_AFTER = java.time.Duration.ofMillis(500);

    /** One resource of the device and the points it holds. */
    private final class Resource {
        final CoapAddress address;
        final List<Point> points = new ArrayList<>();
        final CoapClient client;
        volatile CoapObserveRelation relation;
        volatile long lastHeardNanos = System.nanoTime();
        /** The payload of the last notification, to tell a change from a repeat. */
        volatile byte[] lastNotified;

        Resource(CoapAddress address) {
            this.address = address;
            this.client = new CoapClient(base + address.path());
            client.setEndpoint(endpoint);
        }
    }

    private final DeviceContext device;
    private final Normalization normalization;
    private final DeviceHealth health;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Duration watchdog;
    private final String base;
    private final Endpoint endpoint;
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    public CoapDevicePoller(DeviceContext device, Normalization normalization, DeviceHealth health,
                            ScheduledExecutorService scheduler, Duration timeout, Duration watchdog) {
        this.device = device;
        this.normalization = normalization;
        this.health = health;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.watchdog = watchdog;
        Connection.Coap c = (Connection.Coap) device.device().connection();
        URI uri = URI.create(c.uri());
        this.base = c.uri().replaceAll("/+$", "");
        Configuration config = Configuration.createStandardWithoutFile();
        if ("coaps".equals(uri.getScheme())) {
            Secrets secrets = Secrets.fromEnvironment();
            String key = secrets.resolve(c.pskKey()).orElseThrow(() -> new IllegalArgumentException("device " + device.device().id()
                    + ": pre-shared key " + c.pskKey() + " is not set in the environment"));
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .setAddress(new InetSocketAddress(0))
                    .setAdvancedPskStore(new AdvancedSinglePskStore(c.pskIdentity(), key.getBytes(StandardCharsets.UTF_8)))
                    .build();
            endpoint = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        } else {
            endpoint = new CoapEndpoint.Builder().setConfiguration(config).build();
        }
        for (Point p : device.profile().points()) {
            if (p.address() instanceof CoapAddress a) {
                resources.computeIfAbsent(a.path(), k -> new Resource(a)).points.add(p);
            }
        }
    }

    @Override
    public String kind() {
        return "coap";
    }

    @Override
    public void start() throws Exception {
        endpoint.start();
        for (Resource r : resources.values()) {
            boolean observed = r.points.stream().anyMatch(p -> ((CoapAddress) p.address()).observe());
            if (observed) {
                observe(r);
                scheduler.scheduleWithFixedDelay(() -> guard(() -> watch(r)), watchdog.toMillis(), watchdog.toMillis() / 4, TimeUnit.MILLISECONDS);
            } else {
                Duration every = r.points.stream().map(p -> device.device().pollGroupOverrides()
                        .getOrDefault(p.pollGroup(), device.profile().pollGroups().get(p.pollGroup()))).min(Duration::compareTo)
                        .orElse(Duration.ofMinutes(1));
                scheduler.scheduleAtFixedRate(() -> guard(() -> get(r)), 0, every.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("event=coap-task-failed site={} gateway={} device={} reason=\"{}\"", device.siteId(), device.gatewayId(), device.device().id(), e.toString());
        }
    }

    private void observe(Resource r) {
        Instant requested = Instant.now();
        r.relation = r.client.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                r.lastHeardNanos = System.nanoTime();
                // a notification is the device speaking now: time it on arrival, not when observing began (every
                // notification would otherwise carry the registration's time, and the hub keeps one value per instant)
                deliver(r, response, Instant.now());
                byte[] payload = response.getPayload();
                boolean changed = r.lastNotified != null && !java.util.Arrays.equals(payload, r.lastNotified);
                r.lastNotified = payload;
                if (changed && response.isSuccess()) {
                    // notifications travel as UDP datagrams: the one after a change (pre-alarm, then fire a moment
                    // later) can be lost, and the watchdog would notice only after a minute. A read shortly after each
                    // change confirms the state; an unchanged answer is dropped by report by exception.
                    scheduler.schedule(() -> get(r), CONFIRM_AFTER.toMillis(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onError() {
                fail(r, Quality.bad(QualityReason.TIMEOUT, "observe registration got no answer"), requested);
            }
        });
    }

    /** Re-registers an observation that has been quiet for the watchdog interval (or whose relation is gone). */
    private void watch(Resource r) {
        long quiet = System.nanoTime() - r.lastHeardNanos;
        if (quiet < watchdog.toNanos() && r.relation != null && !r.relation.isCanceled()) {
            return;
        }
        if (r.relation != null) {
            r.relation.proactiveCancel();
            r.relation = null;
        }
        get(r, () -> {
            LOG.info("event=coap-reobserve site={} gateway={} device={} path={} quietSeconds={}", device.siteId(), device.gatewayId(),
                    device.device().id(), r.address.path(), quiet / 1_000_000_000L);
            observe(r);
        });
    }

    private void get(Resource r) {
        get(r, null);
    }

    /**
     * Fetches a resource without blocking the caller: the shared scheduler must never wait on the network, or a few
     * silent detectors would starve every other task. The timeout is enforced by a scheduled cancel.
     *
     * @param then run after a good answer (e.g. observe again), or null
     */
    private void get(Resource r, Runnable then) {
        Instant requested = Instant.now();
        long t0 = System.nanoTime();
        Request req = Request.newGet();
        req.setURI(r.client.getURI());
        AtomicBoolean settled = new AtomicBoolean();
        r.client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (settled.compareAndSet(false, true)) {
                    health.success(System.nanoTime() - t0, Instant.now());
                    r.lastHeardNanos = System.nanoTime();
                    deliver(r, response, requested);
                    if (then != null && response.isSuccess()) {
                        then.run();
                    }
                }
            }

            @Override
            public void onError() {
                if (settled.compareAndSet(false, true)) {
                    fail(r, Quality.bad(QualityReason.COMMUNICATION_FAILURE, "request failed"), requested);
                }
            }
        }, req);
        scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                req.cancel();
                fail(r, Quality.bad(QualityReason.TIMEOUT, "no answer within " + timeout.toMillis() + " ms"), requested);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void deliver(Resource r, CoapResponse response, Instant requested) {
        Instant received = Instant.now();
        if (!response.isSuccess()) {
            fail(r, Quality.bad(QualityReason.COMMUNICATION_FAILURE, "CoAP " + response.getCode()), requested);
            return;
        }
        normalization.submit(new RawResult.CoapPayload(device.device().id(), r.address, r.points, response.getPayload(), null, requested, received));
    }

    private void fail(Resource r, Quality q, Instant requested) {
        Instant now = Instant.now();
        if (health.consecutiveFailures() == 0) {
            LOG.info("event=device-not-answering site={} gateway={} device={} reason={} path={} detail=\"{}\"", device.siteId(), device.gatewayId(), device.device().id(),
                    q.reason().name().toLowerCase(), r.address.path(), q.detail());
        }
        health.failure(q.reason(), now, watchdog);
        normalization.submit(new RawResult.CoapPayload(device.device().id(), r.address, r.points, null, q, requested, now));
    }

    @Override
    public void close() {
        for (Resource r : resources.values()) {
            if (r.relation != null) {
                r.relation.proactiveCancel();
            }
            r.client.shutdown();
        }
        endpoint.destroy();
    }
}
