package org.lintel.edge.modbus;

import java.util.ArrayList;
import java.util.List;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.edge.poll.BusHealth;
import org.lintel.edge.poll.Driver;
import org.lintel.edge.poll.DriverFactory;
import org.lintel.site.Bus;
import org.lintel.site.Connection;

/** One driver per Modbus bus of the gateway that has devices: a bus is one line, polled one request at a time. */
public final class ModbusDrivers implements DriverFactory {

    private final RequestPlanner.Options planner;

    public ModbusDrivers(RequestPlanner.Options planner) {
        this.planner = planner;
    }

    @Override
    public List<Driver> drivers(List<DeviceContext> devices, Shared shared) {
        List<Driver> out = new ArrayList<>();
        for (Bus b : shared.gateway().buses()) {
            List<DeviceContext> on = devices.stream().filter(c -> ((Connection.Modbus) c.device().connection()).bus().equals(b.id())).toList();
            if (on.isEmpty()) {
                continue;
            }
            BusHealth health = new BusHealth(b.id());
            shared.busHealth().put(b.id(), health);
            out.add(new ModbusBusPoller(b, on, shared.normalization(), shared.deviceHealth(), health, planner));
        }
        return out;
    }
}
