package org.lintel.sim.coap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;
import org.lintel.sim.stats.RequestStats;

/**
 * One CoAP server (one UDP port of the site file): plain CoAP, or DTLS with the pre-shared keys of its devices. Each
 * device's points live under the path of its base URI. {@link #stop()} throws the server away, so a later start has
 * no observe relations left, as after a real device reboot.
 */
final class CoapSimServer {

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final InetSocketAddress address;
    private final boolean dtls;
    private final Map<SimDevice, String> basePaths;
    private final Map<String, String> psk;
    private final SimClock clock;
    private final RequestStats stats;
    private CoapServer server;
    private final List<PointResource> resources = new ArrayList<>();

    CoapSimServer(InetSocketAddress address, boolean dtls, Map<SimDevice, String> basePaths, Map<String, String> psk,
                  SimClock clock, RequestStats stats) {
        this.address = address;
        this.dtls = dtls;
        this.basePaths = basePaths;
        this.psk = psk;
        this.clock = clock;
        this.stats = stats;
    }

    int port() {
        return address.getPort();
    }

    Map<SimDevice, String> devices() {
        return basePaths;
    }

    synchronized void start() {
        Configuration config = Configuration.createStandardWithoutFile();
        CoapServer s = new CoapServer(config);
        if (dtls) {
            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
            psk.forEach((identity, key) -> store.setKey(identity, key.getBytes(StandardCharsets.UTF_8)));
            DtlsConnectorConfig dc = DtlsConnectorConfig.builder(config)
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                    .setAddress(address)
                    .setAdvancedPskStore(store)
                    .build();
            s.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dc)).build());
        } else {
            s.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(address).build());
        }
        resources.clear();
        String protocol = dtls ? "coaps" : "coap";
        for (Map.Entry<SimDevice, String> e : basePaths.entrySet()) {
            SimDevice d = e.getKey();
            for (Point p : d.profile().points()) {
                if (p.address() instanceof CoapAddress a) {
                    String full = (e.getValue() + a.path()).replaceAll("/+", "/");
                    PointResource r = leaf(s, full, d, protocol);
                    r.add(p);
                }
            }
        }
        s.start();
        server = s;
    }

    private PointResource leaf(CoapServer s, String path, SimDevice device, String protocol) {
        String[] parts = path.substring(1).split("/");
        Resource at = s.getRoot();
        for (int i = 0; i < parts.length; i++) {
            Resource child = at.getChild(parts[i]);
            boolean last = i == parts.length - 1;
            if (child == null) {
                child = last ? new PointResource(parts[i], device, clock, stats, protocol) : new CoapResource(parts[i]);
                at.add(child);
                if (last) {
                    resources.add((PointResource) child);
                }
            } else if (last && !(child instanceof PointResource)) {
                throw new IllegalStateException("CoAP path " + path + " is both a folder and a resource");
            }
            at = child;
        }
        return (PointResource) at;
    }

    synchronized void refresh() {
        if (server != null) {
            resources.forEach(PointResource::refresh);
        }
    }

    /** Notifies the observers of {@code deviceId}'s resources whose payload changed. */
    synchronized void refresh(String deviceId) {
        if (server != null) {
            resources.stream().filter(r -> r.device().id().equals(deviceId)).forEach(PointResource::refresh);
        }
    }

    synchronized void stop() {
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    synchronized boolean isRunning() {
        return server != null;
    }
}
