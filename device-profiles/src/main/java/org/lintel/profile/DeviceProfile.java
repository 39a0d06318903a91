package org.lintel.profile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device model as described by one profile file: the points an engineer can read from it, how to address them,
 * and the alarms and billing meaning they carry by default.
 *
 * @param id         the name sites use to refer to this profile, e.g. {@code eastron-sdm630}
 * @param source     where the register map comes from (manual title and version), so that a reviewer can check it
 * @param pollGroups poll group name → interval
 * @param modbus     device-wide Modbus settings, present only for Modbus profiles
 * @param file       the file the profile was read from, as shown in messages
 * @param pointsByName derived from {@code points} (whatever is passed is ignored): point lookups run once per reading
 *                   on the gateway and hub, so they are by index, not by scanning the list
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
        String file,
        Map<String, Point> pointsByName) {

    public DeviceProfile {
        pollGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pollGroups));
        points = List.copyOf(points);
        alarms = List.copyOf(alarms);
        Map<String, Point> index = new java.util.HashMap<>();
        for (Point p : points) {
            index.putIfAbsent(p.name(), p); // first wins, as the list order did
        }
        pointsByName = Map.copyOf(index);
    }

    public DeviceProfile(String id, String manufacturer, String model, String description, String source, Protocol protocol,
                         Map<String, Duration> pollGroups, List<Point> points, List<AlarmCondition> alarms,
                         ModbusSettings modbus, String file) {
        this(id, manufacturer, model, description, source, protocol, pollGroups, points, alarms, modbus, file, null);
    }

    public Optional<Point> point(String name) {
        return Optional.ofNullable(pointsByName.get(name));
    }

    /** The billable counters of this model, e.g. the import energy register of an electricity meter. */
    public List<Point> meterPoints() {
        return points.stream().filter(Point::isMeter).toList();
    }

    public boolean isMeter() {
        return points.stream().anyMatch(Point::isMeter);
    }
}
