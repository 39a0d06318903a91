package org.lintel.profile.opcua;

import java.time.Duration;
import org.lintel.profile.PointAddress;

/**
 * Where an OPC UA point lives: a node named by namespace URI, never by namespace index (indexes differ between
 * servers and even between restarts of one server).
 *
 * @param namespaceUri      the namespace URI, e.g. {@code urn:lintel:elevator}
 * @param identifierType    {@code s} (string), {@code i} (numeric), {@code g} (GUID) or {@code b} (opaque)
 * @param identifier        the identifier; may contain {@code {root}}, replaced by the device's root from the site
 * @param subscribe         true to use a monitored item, false to read at the poll group's interval
 * @param samplingInterval  the requested sampling interval for subscriptions, or null for the server's default
 */
public record OpcUaAddress(
        String namespaceUri,
        String identifierType,
        String identifier,
        boolean subscribe,
        Duration samplingInterval) implements PointAddress {

    /** The placeholder a profile uses for the part of a node id that differs per device. */
    public static final String ROOT = "{root}";

    /** The expanded node id text with the device's root filled in: {@code nsu=urn:…;s=Lift-B1-1.Floor}. */
    public String nodeId(String root) {
        String id = root == null ? identifier : identifier.replace(ROOT, root);
        return "nsu=" + namespaceUri + ";" + identifierType + "=" + id;
    }

    public boolean needsRoot() {
        return identifier.contains(ROOT);
    }
}
