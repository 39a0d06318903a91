package org.lintel.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.profile.modbus.ModbusSettings;

/**
 * A device model as described by one profile file: the points an engineer can read from it, how to address them,
 * and the alarms and billing meaning they carry by default.
 *
 * @param id         the name sites use to refer to this profile, e.g. {@code eastron-sdm630}
 * @param source     where the register map comes from (manual title and version), so that a reviewer can check it
 * @param pollGroups poll group name → interval
 * @param modbus     device-wide Modbus settings, present only for Modbus profiles
 * @param file       the file the profile was read from, as shown in messages
 */
public record DeviceProfile(
        String id,
        String manufacturer,
        String model,
        String description,
        String source,
        Protocol protocol,
        Map<String, Duration> pollGroups,
        List<Point> points,
        List<AlarmCondition> alarms,
        ModbusSettings modbus,
        String file) {

    public DeviceProfile {
        pollGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pollGroups));
        points = List.copyOf(points);
        alarms = List.copyOf(alarms);
    }

    public Optional<Point> point(String name) {
        return points.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The billable counters of this model, e.g. the import energy register of an electricity meter. */
    public List<Point> meterPoints() {
        return points.stream().filter(Point::isMeter).toList();
    }

    public boolean isMeter() {
        return points.stream().anyMatch(Point::isMeter);
    }
}
