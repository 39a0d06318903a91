package org.lintel.sim.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * What scenarios need of the servers: stop the one serving a device and start it again later, and tell a server that
 * pushes values (CoAP observe) when a device's values change.
 */
public interface DeviceServers {

    void opcua(String device, Duration downtime);

    void coap(String device, Duration downtime);

    /** What the device says changes at simulated instant {@code at} (now or later). */
    default void changed(String device, Instant at) {
    }
}
