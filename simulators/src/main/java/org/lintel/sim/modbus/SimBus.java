package org.lintel.sim.modbus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.lintel.profile.Point;
import org.lintel.profile.modbus.RegisterTable;
import org.lintel.site.Bus;
import org.lintel.sim.device.SimDevice;

/**
 * A simulated field bus: the devices behind one TCP port by unit id. The bus lock makes it carry one request at a
 * time, as a serial line or a converter does, whatever number of clients connect.
 */
public final class SimBus {

    private final Bus bus;
    private final Map<Integer, SimDevice> byUnit = new ConcurrentHashMap<>();
    private final Map<Integer, Map<RegisterTable, List<Point>>> tables = new ConcurrentHashMap<>();
    private final ReentrantLock line = new ReentrantLock(true);

    public SimBus(Bus bus) {
        this.bus = bus;
    }

    public Bus bus() {
        return bus;
    }

    public void add(int unitId, SimDevice device) {
        byUnit.put(unitId, device);
        tables.put(unitId, DeviceImage.tables(device));
    }

    SimDevice device(int unitId) {
        return byUnit.get(unitId);
    }

    Map<RegisterTable, List<Point>> tables(int unitId) {
        return tables.get(unitId);
    }

    ReentrantLock line() {
        return line;
    }
}
