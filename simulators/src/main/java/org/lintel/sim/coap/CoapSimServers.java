package org.lintel.sim.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.stats.RequestStats;
import org.lintel.site.Connection;
import org.lintel.site.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CoAP servers of a simulation, one per UDP port. Observed resources are checked every 200 ms (wall clock) and
 * notify their observers when their payload changed.
 */
public final class CoapSimServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoapSimServers.class);
    /**
     * How often observers are told of changed values, a scenario's change included: a real detector notifies at once,
     * so every fire-to-notification figure carries 0–200 ms of this tick. Pushing a scenario's change at once, and a
     * 25 ms tick, were tried (2026-12-05): with notifications that close together, some were lost between the
     * simulator's and the gateway's Californium (a detector stuck at pre-alarm in the fire benchmark, a state back to
     * normal unseen for seconds in CoapQuickChangesTest); with this tick none was seen.
     */
    static final Duration REFRESH = Duration.ofMillis(200);

    private final Collection<SimDevice> all;
    private final InetAddress bind;
    private final int portOffset;
    private final SimClock clock;
    private final RequestStats stats;
    private final Duration refresh;
    private final Map<Integer, CoapSimServer> byPort = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coap-observe");
        t.setDaemon(true);
        return t;
    });

    /** Serves the CoAP devices among {@code devices} on {@code bind}, each on its site port plus {@code portOffset}. */
    public CoapSimServers(Collection<SimDevice> devices, InetAddress bind, int portOffset, SimClock clock, RequestStats stats) {
        this(devices, bind, portOffset, clock, stats, REFRESH);
    }

    /** @param refresh how often observers are told of changed values */
    public CoapSimServers(Collection<SimDevice> devices, InetAddress bind, int portOffset, SimClock clock, RequestStats stats, Duration refresh) {
        this.refresh = refresh;
        this.all = List.copyOf(devices);
        this.bind = bind;
        this.portOffset = portOffset;
        this.clock = clock;
        this.stats = stats;
    }

    public void start() {
        Map<Integer, Map<SimDevice, String>> devices = new LinkedHashMap<>();
        Map<Integer, Boolean> dtls = new HashMap<>();
        Map<Integer, Map<String, String>> keys = new HashMap<>();
        Secrets secrets = Secrets.fromEnvironment();
        for (SimDevice d : all) {
            if (d.device().connection() instanceof Connection.Coap c) {
                URI uri = URI.create(c.uri());
                boolean secure = "coaps".equals(uri.getScheme());
                int port = (uri.getPort() < 0 ? (secure ? 5684 : 5683) : uri.getPort()) + portOffset;
                Boolean was = dtls.putIfAbsent(port, secure);
                if (was != null && was != secure) {
                    throw new IllegalArgumentException("CoAP port " + port + " is used both with and without DTLS (device " + d.id() + ")");
                }
                devices.computeIfAbsent(port, p -> new LinkedHashMap<>()).put(d, uri.getPath() == null ? "" : uri.getPath());
                if (secure) {
                    Optional<String> key = secrets.resolve(c.pskKey());
                    if (key.isEmpty()) {
                        LOG.warn("event=secret-missing device={} variable={} effect=\"DTLS handshakes will fail\"", d.id(), c.pskKey());
                    }
                    key.ifPresent(k -> keys.computeIfAbsent(port, x -> new HashMap<>()).put(c.pskIdentity(), k));
                }
            }
        }
        for (Map.Entry<Integer, Map<SimDevice, String>> e : devices.entrySet()) {
            int port = e.getKey();
            CoapSimServer s = new CoapSimServer(new InetSocketAddress(bind, port), dtls.get(port), e.getValue(),
                    keys.getOrDefault(port, Map.of()), clock, stats);
            s.start();
            byPort.put(port, s);
            LOG.info("event=coap-server-up scheme={} port={} devices={}", dtls.get(port) ? "coaps" : "coap", port, e.getValue().size());
        }
        ticker.scheduleWithFixedDelay(() -> {
            try {
                byPort.values().forEach(CoapSimServer::refresh);
            } catch (RuntimeException ex) {
                LOG.warn("event=coap-refresh-failed reason=\"{}\"", ex.toString());
            }
        }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<Integer> portOf(String deviceId) {
        return byPort.values().stream().filter(s -> s.devices().keySet().stream().anyMatch(d -> d.id().equals(deviceId)))
                .map(CoapSimServer::port).findFirst();
    }

    /** Takes the server of {@code deviceId} down, losing all observe relations, and brings it back after {@code downtime}. */
    public void restart(String deviceId, Duration downtime) {
        int port = portOf(deviceId).orElseThrow(() -> new IllegalArgumentException(deviceId + " is not a CoAP device"));
        CoapSimServer s = byPort.get(port);
        s.stop();
        LOG.info("event=coap-server-stopped port={} downtime={} scenario=restart", port, downtime);
        ticker.schedule(() -> {
            try {
                s.start();
                LOG.info("event=coap-server-restarted port={}", port);
            } catch (RuntimeException ex) {
                LOG.warn("event=coap-restart-failed port={} reason=\"{}\"", port, ex.toString());
            }
        }, downtime.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isRunning(int port) {
        CoapSimServer s = byPort.get(port);
        return s != null && s.isRunning();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        byPort.values().forEach(CoapSimServer::stop);
    }
}
