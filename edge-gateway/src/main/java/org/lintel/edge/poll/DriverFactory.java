package org.lintel.edge.poll;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.normalize.Normalization;
import org.lintel.site.Gateway;

/** Makes the drivers of one connection kind, grouping the devices the way the protocol shares a connection. */
public interface DriverFactory {

    /**
     * What every driver is given: the gateway, where its readings go, the health it reports per device (and, for a
     * bus, per bus: a factory adds the buses it drives), and the scheduler for timed work.
     */
    record Shared(Gateway gateway, Normalization normalization, Map<String, DeviceHealth> deviceHealth, Map<String, BusHealth> busHealth,
                  ScheduledExecutorService scheduler) {
    }

    /** The drivers for {@code devices}, all of which have this factory's connection kind. */
    List<Driver> drivers(List<DeviceContext> devices, Shared shared) throws Exception;
}
