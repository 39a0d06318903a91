package org.lintel.edge.health;

import java.util.Map;
import org.lintel.edge.poll.BusHealth;
import org.lintel.edge.poll.DeviceHealth;

/** What the metrics page shows of a running gateway (so that health does not depend on the gateway that shows it). */
public interface GatewayVitals {

    long normalizedPoints();

    long reportedReadings();

    Map<String, DeviceHealth> deviceHealth();

    Map<String, BusHealth> busHealth();
}
