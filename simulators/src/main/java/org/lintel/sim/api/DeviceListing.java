package org.lintel.sim.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.profile.opcua.OpcUaAddress;
import org.lintel.site.Bus;
import org.lintel.site.Connection;
import org.lintel.sim.Simulation;
import org.lintel.sim.device.SimDevice;

/** Describes each simulated device and where to reach it, for {@code GET /devices}. */
final class DeviceListing {

    private DeviceListing() {
    }

    static List<Map<String, Object>> of(Simulation sim) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimDevice d : sim.devices().values()) {
            out.add(of(sim, d));
        }
        return out;
    }

    static Map<String, Object> of(Simulation sim, SimDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("profile", d.profile().id());
        m.put("protocol", d.profile().protocol().word());
        m.put("gateway", d.device().gateway());
        Map<String, Object> e = new LinkedHashMap<>();
        String host = sim.options().bind().getHostAddress();
        if (d.device().connection() instanceof Connection.Modbus c) {
            Bus bus = sim.site().gateways().stream().flatMap(g -> g.buses().stream()).filter(b -> b.id().equals(c.bus())).findFirst().orElseThrow();
            e.put("transport", bus.transport() instanceof Bus.RtuOverTcp ? "modbus-rtu-over-tcp" : "modbus-tcp");
            e.put("host", host);
            e.put("port", sim.modbusPort(c.bus()).orElse(null));
            e.put("unitId", c.unitId());
            e.put("bus", c.bus());
            if (bus.transport() instanceof Bus.RtuOverTcp r) {
                e.put("baud", r.baud());
            }
        } else if (d.device().connection() instanceof Connection.OpcUa c) {
            URI u = URI.create(c.endpoint());
            int port = sim.opcua().portOf(d.id()).orElse(-1);
            e.put("url", "opc.tcp://" + host + ":" + port + u.getPath());
            e.put("host", host);
            e.put("port", port);
            List<String> nodes = new ArrayList<>();
            for (Point p : d.profile().points()) {
                if (p.address() instanceof OpcUaAddress a) {
                    nodes.add(a.nodeId(c.root()));
                }
            }
            e.put("nodeIds", nodes);
        } else if (d.device().connection() instanceof Connection.Coap c) {
            URI u = URI.create(c.uri());
            int port = sim.coap().portOf(d.id()).orElse(-1);
            e.put("uri", u.getScheme() + "://" + host + ":" + port + (u.getPath() == null ? "" : u.getPath()));
            e.put("host", host);
            e.put("port", port);
            e.put("dtls", "coaps".equals(u.getScheme()));
            List<String> resources = new ArrayList<>();
            for (Point p : d.profile().points()) {
                if (p.address() instanceof CoapAddress a) {
                    String path = (u.getPath() == null ? "" : u.getPath()) + a.path();
                    if (!resources.contains(path)) {
                        resources.add(path);
                    }
                }
            }
            e.put("resources", resources);
        }
        m.put("endpoint", e);
        return m;
    }
}
