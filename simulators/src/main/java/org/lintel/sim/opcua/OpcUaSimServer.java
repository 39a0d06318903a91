package org.lintel.sim.opcua;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.ServerCertificateValidator;
import org.lintel.profile.Point;
import org.lintel.profile.opcua.OpcUaAddress;
import org.lintel.sim.clock.SimClock;
import org.lintel.sim.device.SimDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated OPC UA server (one endpoint URL of the site file) hosting the objects of its devices. Offers
 * security policy None and Basic256Sha256 with Sign and SignAndEncrypt; accepts anonymous and username login with
 * the credentials the site file gives its devices. Client certificates are accepted without a trust list: this is
 * a test double for gateways, which must manage trust on their side.
 */
final class OpcUaSimServer {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaSimServer.class);

    private final URI endpoint;
    private final String bindAddress;
    private final int port;
    private final List<SimDevice> devices;
    private final Map<String, String> passwords;
    private final SimClock clock;
    private final Path pkiDir;
    private OpcUaServer server;

    OpcUaSimServer(URI endpoint, String bindAddress, int port, List<SimDevice> devices, Map<String, String> passwords,
                   SimClock clock, Path pkiDir) {
        this.endpoint = endpoint;
        this.bindAddress = bindAddress;
        this.port = port;
        this.devices = devices;
        this.passwords = passwords;
        this.clock = clock;
        this.pkiDir = pkiDir;
    }

    int port() {
        return port;
    }

    URI endpoint() {
        return endpoint;
    }

    List<SimDevice> devices() {
        return devices;
    }

    synchronized void start() throws Exception {
        String host = endpoint.getHost();
        String path = endpoint.getPath() == null || endpoint.getPath().isEmpty() ? "/" : endpoint.getPath();
        String applicationUri = "urn:lintel:simulator:opcua:" + port;
        ServerIdentity identity = ServerIdentity.loadOrCreate(pkiDir, applicationUri, host);
        DefaultTrustListManager trust = new DefaultTrustListManager(pkiDir.resolve("pki").toFile());
        ServerCertificateValidator acceptAll = new ServerCertificateValidator() {
            @Override
            public void validateCertificateChain(List<java.security.cert.X509Certificate> chain) {
            }

            @Override
            public void validateCertificateChain(List<java.security.cert.X509Certificate> chain, String applicationUri) {
            }
        };
        Set<EndpointConfiguration> endpoints = new LinkedHashSet<>();
        for (Object[] sec : new Object[][] {
                {SecurityPolicy.None, MessageSecurityMode.None},
                {SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign},
                {SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt}}) {
            endpoints.add(EndpointConfiguration.newBuilder()
                    .setBindAddress(bindAddress)
                    .setBindPort(port)
                    .setHostname(host)
                    .setPath(path)
                    .setCertificate(identity.certificate())
                    .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                    .setSecurityPolicy((SecurityPolicy) sec[0])
                    .setSecurityMode((MessageSecurityMode) sec[1])
                    .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS, OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME)
                    .build());
        }
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(applicationUri)
                .setApplicationName(LocalizedText.english("Lintel simulator"))
                .setProductUri("urn:lintel:simulator")
                .setBuildInfo(new BuildInfo("urn:lintel:simulator", "Lintel", "Lintel simulator", "0.1", "", org.eclipse.milo.opcua.stack.core.types.builtin.DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(new DefaultCertificateManager(identity.keyPair(), identity.certificate()))
                .setTrustListManager(trust)
                .setCertificateValidator(acceptAll)
                .setIdentityValidator(new UsernameIdentityValidator(true,
                        c -> c.getPassword() != null && c.getPassword().equals(passwords.get(c.getUsername()))))
                .build();
        OpcUaServer s = new OpcUaServer(config);
        Set<String> uris = new LinkedHashSet<>();
        for (SimDevice d : devices) {
            for (Point p : d.profile().points()) {
                if (p.address() instanceof OpcUaAddress a) {
                    uris.add(a.namespaceUri());
                }
            }
        }
        List<PointNamespace> namespaces = new ArrayList<>();
        for (String uri : uris) {
            PointNamespace ns = new PointNamespace(s, uri, devices, clock);
            ns.startup();
            namespaces.add(ns);
        }
        s.startup().get(30, TimeUnit.SECONDS);
        server = s;
        LOG.info("event=opcua-server-up endpoint={} devices={} namespaces=\"{}\"", endpoint, devices.size(), uris);
    }

    synchronized void stop() {
        if (server != null) {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("event=opcua-shutdown-failed endpoint={} reason=\"{}\"", endpoint, e.toString());
            }
            server = null;
        }
    }

    synchronized boolean isRunning() {
        return server != null;
    }
}
