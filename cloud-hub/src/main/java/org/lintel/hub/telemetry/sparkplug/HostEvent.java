package org.lintel.hub.telemetry.sparkplug;

import java.util.List;
import org.lintel.reading.Reading;

/** What the primary host learned from one Sparkplug message. */
public sealed interface HostEvent {

    /** Readings to store; historical when the edge node replayed them from its buffer. */
    record Readings(String group, String edgeNode, String device, List<Reading> readings, boolean historical) implements HostEvent {
    }

    /**
     * The host must ask the edge node to publish its births again (NCMD Node Control/Rebirth).
     *
     * @param cause  what went wrong, as counted in the metrics: {@code malformed-payload}, {@code seq-gap},
     *               {@code data-before-birth} or {@code unknown-alias}
     * @param reason the details, for the log
     */
    record RebirthNeeded(String group, String edgeNode, String cause, String reason) implements HostEvent {
    }

    /** An edge node or device came online (birth) or went offline (death). */
    record Status(String group, String edgeNode, String device, boolean online) implements HostEvent {
    }

    /**
     * A device message the host does not take, though it counts in the node's sequence: the device is not this edge
     * node's (see {@link PrimaryHostDecoder.DeviceAdmission}).
     */
    record Refused(String group, String edgeNode, String device, String cause, String reason) implements HostEvent {
    }
}
