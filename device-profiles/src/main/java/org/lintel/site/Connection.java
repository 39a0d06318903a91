package org.lintel.site;

/** How a gateway reaches one device. */
public sealed interface Connection permits Connection.Modbus, Connection.OpcUa, Connection.Coap {

    /** A Modbus device: its bus and unit (slave) id on that bus. */
    record Modbus(String bus, int unitId) implements Connection {
    }

    /**
     * An OPC UA device (or one object of a server that hosts several).
     *
     * @param root     replaces {@code {root}} in the profile's node ids, e.g. the elevator's object name
     * @param password may be {@code ${ENV_VAR}}, resolved at run time, so that secrets stay out of site files
     */
    record OpcUa(String endpoint, String securityPolicy, SecurityMode securityMode, String username, String password,
                 String certificate, String root) implements Connection {
    }

    /** OPC UA message security mode. */
    enum SecurityMode { NONE, SIGN, SIGN_AND_ENCRYPT }

    /**
     * A CoAP device.
     *
     * @param uri         base URI, {@code coap://} or {@code coaps://} (DTLS)
     * @param pskIdentity DTLS pre-shared-key identity, required for coaps
     * @param pskKey      the key, normally {@code ${ENV_VAR}}
     */
    record Coap(String uri, String pskIdentity, String pskKey) implements Connection {
    }
}
