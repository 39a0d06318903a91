package org.lintel.hub.alarm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lintel.hub.core.DeviceKey;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;

/**
 * Which new alarms must not be raised now: every alarm of a device taken out of service (until a time, or until it is
 * returned), and every alarm but life-safety and communication loss of a device in maintenance mode (a lift under
 * inspection says so itself, or a technician works on it under a work order). An alarm already open is never suppressed: it still needs acknowledging.
 */
final class Suppression {

    static final String OUT_OF_SERVICE = "out-of-service";
    static final String MAINTENANCE_MODE = "maintenance-mode";

    /** Until when, or {@link Instant#EPOCH} for until returned. Written by people (the API), read by the writers. */
    private final Map<DeviceKey, Instant> outOfService = new ConcurrentHashMap<>();
    private final Map<DeviceKey, Boolean> maintenance = new ConcurrentHashMap<>();
    /** Devices a technician is working on under a work order: maintenance mode as if the device said so. */
    private final java.util.Set<DeviceKey> underWorkOrder = ConcurrentHashMap.newKeySet();

    void outOfService(DeviceKey device, Instant until) {
        outOfService.put(device, until == null ? Instant.EPOCH : until);
    }

    void backInService(DeviceKey device) {
        outOfService.remove(device);
    }

    /** The device reported its maintenance mode; returns whether this ends a maintenance that was on. */
    boolean maintenance(DeviceKey device, boolean on) {
        return Boolean.TRUE.equals(maintenance.put(device, on)) && !on;
    }

    void workOrder(DeviceKey device, boolean on) {
        if (on) {
            underWorkOrder.add(device);
        } else {
            underWorkOrder.remove(device);
        }
    }

    /** Why a new activation of {@code rule} on this device is suppressed at {@code at}, or empty when it is not. */
    Optional<String> reason(DeviceKey device, AlarmCondition rule, Instant at) {
        Instant until = outOfService.get(device);
        if (until != null && (until.equals(Instant.EPOCH) || until.isAfter(at))) {
            return Optional.of(OUT_OF_SERVICE);
        }
        boolean inMaintenance = Boolean.TRUE.equals(maintenance.get(device)) || underWorkOrder.contains(device);
        if (inMaintenance && rule.priority() != AlarmPriority.LIFE_SAFETY && !rule.type().equals(BuiltInAlarms.COMMUNICATION_LOST)) {
            return Optional.of(MAINTENANCE_MODE);
        }
        return Optional.empty();
    }
}
