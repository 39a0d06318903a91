package org.lintel.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Bus;
import org.lintel.site.Connection;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.lintel.sim.behaviour.Behaviour;
import org.lintel.sim.behaviour.Behaviours;
import org.lintel.sim.behaviour.Generic;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.coap.CoapSimServers;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.modbus.ModbusServer;
import org.lintel.sim.modbus.SimBus;
import org.lintel.sim.opcua.OpcUaSimServers;
import org.lintel.sim.scenario.ScenarioJournal;
import org.lintel.sim.scenario.Scenarios;
import org.lintel.sim.scenario.DeviceServers;
import org.lintel.sim.stats.RequestStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every device of a site file, served over its own protocol: Modbus buses on their TCP ports, OPC UA servers per
 * endpoint, CoAP servers per port. One simulated clock drives them all; scenarios change devices and servers.
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final Site site;
    private final ProfileLibrary profiles;
    private final SimulationOptions options;
    private final SimClock clock;
    private final RequestStats stats;
    private final Map<String, SimDevice> devices = new LinkedHashMap<>();
    private final Map<String, Integer> modbusPorts = new LinkedHashMap<>();
    private final List<ModbusServer> modbus = new ArrayList<>();
    private final OpcUaSimServers opcua;
    private final CoapSimServers coap;
    private final Scenarios scenarios;

    private Simulation(Site site, ProfileLibrary profiles, SimulationOptions options, SimClock clock, Map<String, SimDevice> devices,
                       OpcUaSimServers opcua, CoapSimServers coap, RequestStats stats) {
        this.site = site;
        this.profiles = profiles;
        this.options = options;
        this.clock = clock;
        this.devices.putAll(devices);
        this.opcua = opcua;
        this.coap = coap;
        this.stats = stats;
        this.scenarios = new Scenarios(site.id(), clock, id -> Optional.ofNullable(devices.get(id)), restarts(opcua, coap),
                ScenarioJournal.in(options.dataDir()));
    }

    /** Every device of the site with its behaviour, and the servers that will serve them; nothing is started yet. */
    private static Simulation of(Site site, ProfileLibrary profiles, SimulationOptions options) {
        SimClock clock = new SimClock(options.start(), options.speed());
        RequestStats stats = new RequestStats();
        Map<String, SimDevice> devices = new LinkedHashMap<>();
        Map<String, Behaviour> behaviours = Behaviours.of(site, id -> profiles.find(id).orElseThrow(), options.seed(), options.start());
        for (Device d : site.devices()) {
            DeviceProfile p = profiles.find(d.profile()).orElseThrow();
            devices.put(d.id(), new SimDevice(d, p, behaviours.get(d.id()), new Generic(options.seed(), d.id(), options.start())));
        }
        return new Simulation(site, profiles, options, clock, devices,
                new OpcUaSimServers(devices.values(), options.bind(), options.portOffset(), clock, options.dataDir()),
                new CoapSimServers(devices.values(), options.bind(), options.portOffset(), clock, stats, options.coapRefresh()), stats);
    }

    private static DeviceServers restarts(OpcUaSimServers opcua, CoapSimServers coap) {
        return new DeviceServers() {
            @Override
            public void opcua(String device, Duration downtime) {
                opcua.restart(device, downtime);
            }

            @Override
            public void coap(String device, Duration downtime) {
                coap.restart(device, downtime);
            }

            @Override
            public void changed(String device, Instant at) {
                coap.changed(device, at);
            }
        };
    }

    /** Loads the site (every problem reported, none tolerated) and starts all servers. */
    public static Simulation start(Path siteFile, SimulationOptions options) throws Exception {
        SiteLoader.Loaded loaded = SiteLoader.load(siteFile);
        loaded.problems().sorted().stream().filter(p -> !p.isError()).forEach(p -> LOG.warn("event=site-file-warning problem=\"{}\"", p));
        Site site = loaded.orThrow();
        Simulation sim = of(site, loaded.profiles(), options);
        try {
            sim.scenarios.resume(ScenarioJournal.in(options.dataDir()).read());
            sim.startModbus();
            sim.opcua.start();
            sim.coap.start();
        } catch (Exception e) {
            sim.close();
            throw e;
        }
        LOG.info("event=simulation-started site={} devices={} seed={} speed={} start={}", site.id(), sim.devices.size(),
                options.seed(), options.speed(), options.start());
        return sim;
    }

    private void startModbus() throws IOException {
        for (Gateway g : site.gateways()) {
            for (Bus b : g.buses()) {
                SimBus simBus = new SimBus(b);
                for (Device d : site.devices()) {
                    if (d.connection() instanceof Connection.Modbus m && m.bus().equals(b.id())) {
                        simBus.add(m.unitId(), devices.get(d.id()));
                    }
                }
                int port;
                if (b.transport() instanceof Bus.ModbusTcp t) {
                    port = t.port();
                } else if (b.transport() instanceof Bus.RtuOverTcp t) {
                    port = t.port();
                } else {
                    LOG.warn("event=bus-not-simulated site={} bus={} line={} hint=\"use rtuOverTcp to simulate it\"", site.id(), b.id(),
                            b.transport().endpoint());
                    continue;
                }
                ModbusServer server = new ModbusServer(simBus, options.bind(), port + options.portOffset(), clock, stats);
                modbus.add(server);
                modbusPorts.put(b.id(), server.port());
            }
        }
    }

    public Site site() {
        return site;
    }

    public ProfileLibrary profiles() {
        return profiles;
    }

    public SimulationOptions options() {
        return options;
    }

    public SimClock clock() {
        return clock;
    }

    public RequestStats stats() {
        return stats;
    }

    public Map<String, SimDevice> devices() {
        return devices;
    }

    public Optional<SimDevice> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** The actual TCP port a Modbus bus is served on (the site's port plus the offset). */
    public Optional<Integer> modbusPort(String busId) {
        return Optional.ofNullable(modbusPorts.get(busId));
    }

    public OpcUaSimServers opcua() {
        return opcua;
    }

    public CoapSimServers coap() {
        return coap;
    }

    public Scenarios scenarios() {
        return scenarios;
    }

    @Override
    public void close() {
        for (ModbusServer s : modbus) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("event=modbus-close-failed reason=\"{}\"", e.getMessage());
            }
        }
        opcua.close();
        coap.close();
    }
}
