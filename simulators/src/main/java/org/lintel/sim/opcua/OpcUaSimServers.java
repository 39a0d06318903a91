package org.lintel.sim.opcua;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;
import org.lintel.site.Connection;
import org.lintel.site.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The OPC UA servers of a simulation, one per endpoint port, with restart for the restart scenario. */
public final class OpcUaSimServers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSimServers.class);

    private final Collection<SimDevice> all;
    private final InetAddress bind;
    private final int portOffset;
    private final SimClock clock;
    private final Path dataDir;
    private final Map<Integer, OpcUaSimServer> byPort = new LinkedHashMap<>();

    /** Serves the OPC UA devices among {@code devices}; each server keeps its certificates under {@code dataDir}. */
    public OpcUaSimServers(Collection<SimDevice> devices, InetAddress bind, int portOffset, SimClock clock, Path dataDir) {
        this.all = List.copyOf(devices);
        this.bind = bind;
        this.portOffset = portOffset;
        this.clock = clock;
        this.dataDir = dataDir;
    }

    public void start() throws Exception {
        Map<Integer, List<SimDevice>> devices = new LinkedHashMap<>();
        Map<Integer, URI> endpoints = new HashMap<>();
        Map<Integer, Map<String, String>> passwords = new HashMap<>();
        Secrets secrets = Secrets.fromEnvironment();
        for (SimDevice d : all) {
            if (d.device().connection() instanceof Connection.OpcUa o) {
                URI uri = URI.create(o.endpoint());
                int port = (uri.getPort() < 0 ? 4840 : uri.getPort()) + portOffset;
                devices.computeIfAbsent(port, p -> new ArrayList<>()).add(d);
                endpoints.putIfAbsent(port, uri);
                if (o.username() != null) {
                    Optional<String> pw = secrets.resolve(o.password());
                    if (pw.isEmpty()) {
                        LOG.warn("event=secret-missing device={} variable={} effect=\"username login will fail\"", d.id(), o.password());
                    }
                    pw.ifPresent(p -> passwords.computeIfAbsent(port, x -> new HashMap<>()).put(o.username(), p));
                }
            }
        }
        for (Map.Entry<Integer, List<SimDevice>> e : devices.entrySet()) {
            int port = e.getKey();
            OpcUaSimServer s = new OpcUaSimServer(endpoints.get(port), bind.getHostAddress(), port, e.getValue(),
                    passwords.getOrDefault(port, Map.of()), clock, dataDir.resolve("opcua-" + port));
            s.start();
            byPort.put(port, s);
        }
    }

    /** The server serving a device, if it is an OPC UA device. */
    public Optional<Integer> portOf(String deviceId) {
        return byPort.values().stream().filter(s -> s.devices().stream().anyMatch(d -> d.id().equals(deviceId)))
                .map(OpcUaSimServer::port).findFirst();
    }

    /** Stops the server serving {@code deviceId} and starts it again after {@code downtime} (wall-clock). */
    public void restart(String deviceId, Duration downtime) {
        int port = portOf(deviceId).orElseThrow(() -> new IllegalArgumentException(deviceId + " is not an OPC UA device"));
        OpcUaSimServer s = byPort.get(port);
        s.stop();
        LOG.info("event=opcua-server-stopped port={} downtime={} scenario=restart", port, downtime);
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(downtime.toMillis());
                s.start();
            } catch (Exception ex) {
                LOG.warn("event=opcua-restart-failed port={} reason=\"{}\"", port, ex.toString());
            }
        }, "opcua-restart-" + port);
        t.setDaemon(true);
        t.start();
    }

    public boolean isRunning(int port) {
        OpcUaSimServer s = byPort.get(port);
        return s != null && s.isRunning();
    }

    @Override
    public void close() {
        byPort.values().forEach(OpcUaSimServer::stop);
    }
}
