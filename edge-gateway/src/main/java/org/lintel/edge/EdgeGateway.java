package org.lintel.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.lintel.edge.coap.CoapDrivers;
import org.lintel.edge.modbus.ModbusBusPoller;
import org.lintel.edge.modbus.ModbusDrivers;
import org.lintel.edge.modbus.RequestPlanner;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.Normalization;
import org.lintel.edge.normalize.ReadingSink;
import org.lintel.edge.opcua.OpcUaDrivers;
import org.lintel.edge.poll.BusHealth;
import org.lintel.edge.poll.DeviceHealth;
import org.lintel.edge.poll.Driver;
import org.lintel.edge.poll.DriverFactory;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Connection;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One building gateway as the site file describes it: its devices grouped into drivers by connection kind (a poller
 * per Modbus bus, a session per OPC UA endpoint and login, a poller per CoAP device), all feeding the normalisation
 * route, whose output goes to the sink. Start, run, close.
 */
public final class EdgeGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeGateway.class);

    /**
     * @param maxSilent an unchanged value is still reported after this long
     * @param planner   how the Modbus request planner bridges gaps
     */
    public record Options(Duration maxSilent, RequestPlanner.Options planner, Duration coapTimeout, Duration observeWatchdog,
                          java.nio.file.Path dataDir) {
        public static final Options DEFAULT = new Options(Duration.ofMinutes(15), RequestPlanner.Options.DEFAULT,
                Duration.ofSeconds(5), Duration.ofSeconds(60), java.nio.file.Path.of("data", "edge"));
    }

    private final Site site;
    private final Gateway gateway;
    private final Map<String, DeviceContext> devices = new LinkedHashMap<>();
    private final Map<String, DeviceHealth> deviceHealth = new ConcurrentHashMap<>();
    private final Map<String, BusHealth> busHealth = new LinkedHashMap<>();
    private final List<Driver> drivers = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "edge-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Normalization normalization;

    public EdgeGateway(Site site, ProfileLibrary profiles, String gatewayId, ReadingSink sink, Options options) throws Exception {
        this.site = site;
        this.gateway = site.gateway(gatewayId).orElseThrow(() -> new IllegalArgumentException("site " + site.id()
                + " has no gateway '" + gatewayId + "'; it has: " + site.gateways().stream().map(Gateway::id).toList()));
        for (DeviceContext c : contexts(site, profiles, gatewayId)) {
            devices.put(c.device().id(), c);
            deviceHealth.put(c.device().id(), new DeviceHealth(c.device().id()));
        }
        this.normalization = new Normalization(devices, options.maxSilent(), sink);
        Map<Class<? extends Connection>, DriverFactory> factories = Map.of(
                Connection.Modbus.class, new ModbusDrivers(options.planner()),
                Connection.OpcUa.class, new OpcUaDrivers(options.dataDir().resolve(gatewayId).resolve("opcua")),
                Connection.Coap.class, new CoapDrivers(options.coapTimeout(), options.observeWatchdog()));
        Map<Class<? extends Connection>, List<DeviceContext>> byKind = new LinkedHashMap<>();
        for (DeviceContext c : devices.values()) {
            byKind.computeIfAbsent(c.device().connection().getClass(), k -> new ArrayList<>()).add(c);
        }
        DriverFactory.Shared shared = new DriverFactory.Shared(gateway, normalization, deviceHealth, busHealth, scheduler);
        for (Map.Entry<Class<? extends Connection>, List<DeviceContext>> e : byKind.entrySet()) {
            drivers.addAll(factories.get(e.getKey()).drivers(e.getValue(), shared));
        }
    }

    /** The devices a gateway of the site reaches, with their place in the community. */
    public static List<DeviceContext> contexts(Site site, ProfileLibrary profiles, String gatewayId) {
        List<DeviceContext> out = new ArrayList<>();
        for (Device d : site.devicesOf(gatewayId)) {
            out.add(DeviceContext.of(site.id(), gatewayId, d, profiles.find(d.profile()).orElseThrow()));
        }
        return out;
    }

    public void start() throws Exception {
        for (Driver d : drivers) {
            d.start();
        }
        Map<String, Long> kinds = new java.util.TreeMap<>();
        drivers.forEach(d -> kinds.merge(d.kind(), 1L, Long::sum));
        LOG.info("event=gateway-started site={} gateway={} devices={} drivers=\"{}\"", site.id(), gateway.id(), devices.size(), kinds);
    }

    public Map<String, DeviceHealth> deviceHealth() {
        return deviceHealth;
    }

    public Map<String, BusHealth> busHealth() {
        return busHealth;
    }

    public Map<String, DeviceContext> devices() {
        return devices;
    }

    /** The Modbus bus pollers, for planning reports and benchmarks. */
    public List<ModbusBusPoller> modbusBuses() {
        return drivers.stream().filter(ModbusBusPoller.class::isInstance).map(ModbusBusPoller.class::cast).toList();
    }

    /** Modbus requests per poll cycle over all buses (each device and poll group once). */
    public int modbusRequestsPerCycle() {
        return modbusBuses().stream().mapToInt(ModbusBusPoller::requestsPerCycle).sum();
    }

    /** The gateway as its metrics page shows it. */
    public org.lintel.edge.health.GatewayVitals vitals() {
        EdgeGateway gw = this;
        return new org.lintel.edge.health.GatewayVitals() {
            @Override
            public long normalizedPoints() {
                return gw.normalization().normalizedPoints();
            }

            @Override
            public long reportedReadings() {
                return gw.normalization().reportedReadings();
            }

            @Override
            public Map<String, DeviceHealth> deviceHealth() {
                return gw.deviceHealth();
            }

            @Override
            public Map<String, BusHealth> busHealth() {
                return gw.busHealth();
            }
        };
    }

    public Normalization normalization() {
        return normalization;
    }

    @Override
    public void close() {
        drivers.forEach(Driver::close);
        scheduler.shutdownNow();
        normalization.close();
    }
}
