package org.lintel.edge;

/** The ports written in src/test/resources/sites/edge-test.yaml, which tests that serve it replace by free ones. */
public final class EdgeTestPorts {

    /** Modbus TCP, RTU over TCP, OPC UA, CoAP and CoAP over DTLS. */
    public static final int[] ALL = {36021, 36025, 36840, 36683, 36684};

    private EdgeTestPorts() {
    }
}
