package org.lintel.edge.opcua;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.poll.Driver;
import org.lintel.edge.poll.DriverFactory;
import org.lintel.site.Connection;

/** One OPC UA session per endpoint, security and login: devices that share all of them share the session. */
public final class OpcUaDrivers implements DriverFactory {

    private final Path pki;

    /** {@code pki}: where the sessions keep the gateway's client certificate and the servers' trusted ones. */
    public OpcUaDrivers(Path pki) {
        this.pki = pki;
    }

    private record SessionKey(String endpoint, String policy, Connection.SecurityMode mode, String username, String certificate) {
        static SessionKey of(Connection.OpcUa o) {
            return new SessionKey(o.endpoint(), o.securityPolicy(), o.securityMode(), o.username(), o.certificate());
        }
    }

    @Override
    public List<Driver> drivers(List<DeviceContext> devices, Shared shared) {
        Map<SessionKey, List<DeviceContext>> sessions = new LinkedHashMap<>();
        for (DeviceContext c : devices) {
            sessions.computeIfAbsent(SessionKey.of((Connection.OpcUa) c.device().connection()), k -> new ArrayList<>()).add(c);
        }
        List<Driver> out = new ArrayList<>();
        for (List<DeviceContext> group : sessions.values()) {
            out.add(new OpcUaSession(shared.gateway().id(), (Connection.OpcUa) group.get(0).device().connection(), group, shared.normalization(),
                    shared.deviceHealth(), shared.scheduler(), pki));
        }
        return out;
    }
}
