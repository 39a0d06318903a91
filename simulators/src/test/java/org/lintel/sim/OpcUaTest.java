package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.api.subscriptions.UaSubscription;
import org.eclipse.milo.opcua.stack.client.security.ClientCertificateValidator;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExpandedNodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MonitoringMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoredItemCreateRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.MonitoringParameters;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lift OPC UA server as an OPC UA client (Eclipse Milo's) sees it: nodes by namespace URI, security None and
 * Basic256Sha256 with SignAndEncrypt, anonymous and username login, subscriptions, and a server restart.
 */
class OpcUaTest {

    private static SimHarness h;
    private static KeyPair clientKeys;
    private static X509Certificate clientCert;

    @BeforeAll
    static void start() throws Exception {
        h = SimHarness.start(1e-6);
        clientKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        clientCert = new SelfSignedCertificateBuilder(clientKeys).setCommonName("lintel test client")
                .setApplicationUri("urn:lintel:test:client").addIpAddress("127.0.0.1").build();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String url() {
        return "opc.tcp://127.0.0.1:" + (4840 + h.offset) + "/lintel";
    }

    private static OpcUaClient connect(SecurityPolicy policy, MessageSecurityMode mode, IdentityProvider identity) throws Exception {
        OpcUaClient c = OpcUaClient.create(url(),
                endpoints -> endpoints.stream().filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()) && e.getSecurityMode() == mode).findFirst(),
                b -> b.setApplicationName(LocalizedText.english("Lintel test client"))
                        .setApplicationUri("urn:lintel:test:client")
                        .setKeyPair(clientKeys)
                        .setCertificate(clientCert)
                        .setCertificateValidator(new ClientCertificateValidator.InsecureValidator())
                        .setIdentityProvider(identity)
                        .setRequestTimeout(uint(5000))
                        .build());
        c.connect().get(20, TimeUnit.SECONDS);
        return c;
    }

    private static NodeId node(OpcUaClient c, String expanded) {
        return ExpandedNodeId.parse(expanded).toNodeId(c.getNamespaceTable()).orElseThrow();
    }

    private static DataValue read(OpcUaClient c, String expanded) throws Exception {
        return c.readValue(0, TimestampsToReturn.Both, node(c, expanded)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAnonymousClientReadsALiftByNamespaceUri() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider());
        try {
            DataValue floor = read(c, "nsu=urn:lintel:lift;s=B1-L1.CarPosition");
            assertTrue(floor.getStatusCode().isGood());
            int f = ((Number) floor.getValue().getValue()).intValue();
            assertTrue(f >= 1 && f <= 2, "the test building has 2 floors, read " + f);
            assertEquals(1, ((Number) read(c, "nsu=urn:lintel:lift;s=B1-L1.CarMode").getValue().getValue()).intValue(), "mode normal");
            assertEquals(Boolean.FALSE, read(c, "nsu=urn:lintel:lift;s=B1-L1.PassengerAlarm").getValue().getValue());
        } finally {
            c.disconnect().get();
        }
    }

    @Test
    void signAndEncryptWithUsernameLoginReadsTheSecondLift() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, new UsernameProvider("lift-monitor", "test-password"));
        try {
            DataValue trips = read(c, "nsu=urn:lintel:lift;s=B1-L2.TripCount");
            assertTrue(((Number) trips.getValue().getValue()).longValue() > 0);
        } finally {
            c.disconnect().get();
        }
    }

    @Test
    void signOnlyIsOfferedToo() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.Sign, new AnonymousProvider());
        c.disconnect().get();
    }

    @Test
    void aWrongPasswordIsRefused() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt, new UsernameProvider("lift-monitor", "wrong")));
        assertTrue(e.getMessage().contains("Bad_UserAccessDenied") || e.getMessage().contains("Bad_IdentityTokenRejected")
                || e.getMessage().contains("Bad_IdentityTokenInvalid"), e.getMessage());
    }

    @Test
    void aSubscriptionSeesPassengerTrappedFaultCodeAndMaintenance() throws Exception {
        OpcUaClient c = connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider());
        try {
            UaSubscription sub = c.getSubscriptionManager().createSubscription(100.0).get();
            List<Object> trapped = new CopyOnWriteArrayList<>();
            ReadValueId rv = new ReadValueId(node(c, "nsu=urn:lintel:lift;s=B1-L2.PassengerAlarm"), AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE);
            MonitoredItemCreateRequest req = new MonitoredItemCreateRequest(rv, MonitoringMode.Reporting,
                    new MonitoringParameters(uint(1), 100.0, null, uint(10), true));
            sub.createMonitoredItems(TimestampsToReturn.Both, List.of(req),
                    (item, i) -> item.setValueConsumer((it, v) -> trapped.add(v.getValue().getValue()))).get();
            Thread.sleep(600);
            String s = h.scenario("passenger-trapped", "b1-lift-2", null);
            Thread.sleep(1200);
            assertEquals(Boolean.FALSE, trapped.get(0));
            assertEquals(Boolean.TRUE, trapped.get(trapped.size() - 1), "notifications: " + trapped);
            assertEquals(8, ((Number) read(c, "nsu=urn:lintel:lift;s=B1-L2.FaultCode").getValue().getValue()).intValue(),
                    "car stopped outside landing zone");
            h.delete("/scenarios/" + s);

            String fault = h.scenario("lift-fault", "b1-lift-1", "{\"code\":\"drive-and-motor-fault\"}");
            assertEquals(1, ((Number) read(c, "nsu=urn:lintel:lift;s=B1-L1.FaultCode").getValue().getValue()).intValue());
            assertEquals(Boolean.TRUE, read(c, "nsu=urn:lintel:lift;s=B1-L1.FaultActive").getValue().getValue());
            h.delete("/scenarios/" + fault);

            String m = h.scenario("maintenance", "b1-lift-1", null);
            assertEquals(Boolean.TRUE, read(c, "nsu=urn:lintel:lift;s=B1-L1.MaintenanceMode").getValue().getValue());
            assertEquals(8, ((Number) read(c, "nsu=urn:lintel:lift;s=B1-L1.CarMode").getValue().getValue()).intValue(), "inspection");
            h.delete("/scenarios/" + m);
            assertEquals(Boolean.FALSE, read(c, "nsu=urn:lintel:lift;s=B1-L1.MaintenanceMode").getValue().getValue());
        } finally {
            c.disconnect().get();
        }
    }

    @Test
    void aRestartedServerRefusesConnectionsUntilItIsBack() throws Exception {
        h.scenario("opcua-restart", "b1-lift-1", "{\"downtime\":\"2s\"}");
        assertFalse(h.sim.opcua().isRunning(4840 + h.offset));
        assertThrows(Exception.class, () -> connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider()));
        OpcUaClient c = null;
        for (int i = 0; i < 40 && c == null; i++) {
            Thread.sleep(500);
            try {
                c = connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider());
            } catch (Exception notYet) {
                // still down
            }
        }
        assertTrue(c != null, "the server came back");
        assertTrue(read(c, "nsu=urn:lintel:lift;s=B1-L1.CarPosition").getStatusCode().isGood());
        c.disconnect().get();
    }
}
