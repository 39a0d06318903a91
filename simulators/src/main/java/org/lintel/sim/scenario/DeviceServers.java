package org.lintel.sim.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * What scenarios need of the servers: stop the one serving a device and start it again later, and tell the servers
 * that push values (CoAP observe) when what a device says changes.
 */
public interface DeviceServers {

    void opcua(String device, Duration downtime);

    void coap(String device, Duration downtime);

    /** What the device says changes at simulated instant {@code at} (now or later). */
    default void changed(String device, Instant at) {
    }
}
