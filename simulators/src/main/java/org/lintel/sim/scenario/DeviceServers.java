package org.lintel.sim.scenario;

import java.time.Duration;

/** What the restart scenarios need of the servers: stop the one serving a device, and start it again later. */
public interface DeviceServers {

    void opcua(String device, Duration downtime);

    void coap(String device, Duration downtime);
}
