package org.lintel.sim.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
 * The CoAP servers of a simulation, one per UDP port. Observed resources notify their observers when a scenario changes
 * what they say, and are checked every 200 ms (wall clock) for values that drift by themselves.
 */
public final class CoapSimServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoapSimServers.class);
    /**
     * How often observers are told of values that drift by themselves (a temperature). A scenario's change is told when
     * it happens ({@link #changed}), as a real detector notifies on change.
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

    /**
     * A scenario changed what the device says from simulated instant {@code at} on (now, or later such as a fire after
     * its pre-alarm): its observers are told then, not at the next refresh tick (which put 0-200 ms into every
     * fire-to-notification figure). Runs on the same single thread as the tick, so the device's notifications go out
     * one after another, in the order of the changes.
     */
    public void changed(String deviceId, Instant at) {
        Optional<CoapSimServer> server = portOf(deviceId).map(byPort::get);
        if (server.isEmpty()) {
            return; // not a CoAP device: its protocol's server reads the value when asked
        }
        // a millisecond late rather than early: at the instant itself the value may not have turned yet
        long delayNanos = (long) Math.max(0, Duration.between(clock.now(), at).toNanos() / clock.speed()) + 1_000_000;
        ticker.schedule(() -> {
            try {
                server.get().refresh(deviceId);
            } catch (RuntimeException ex) {
                LOG.warn("event=coap-refresh-failed device={} reason=\"{}\"", deviceId, ex.toString());
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
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
