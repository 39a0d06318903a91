package org.lintel.profile.library;

import org.lintel.profile.AlarmCondition;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lintel.check.Problems;
import org.lintel.check.Where;
import org.lintel.profile.modbus.ModbusAddress;
import org.lintel.profile.opcua.OpcUaAddress;
import org.lintel.yaml.YamlMap;

/** Checks that concern several points of a profile at once: duplicate names, overlapping registers. */
final class ProfileChecks {

    private ProfileChecks() {
    }

    static void points(List<Point> points, Problems problems) {
        Map<String, Point> byName = new HashMap<>();
        for (Point p : points) {
            Point first = byName.putIfAbsent(p.name(), p);
            if (first != null) {
                problems.error(p.where(), "point " + p.name(), "the name is used twice (first at line "
                        + first.where().line() + "); every point of a device needs its own name");
            }
        }
        overlaps(points, problems);
        Map<String, Point> nodes = new HashMap<>();
        for (Point p : points) {
            if (p.address() instanceof OpcUaAddress a) {
                Point first = nodes.putIfAbsent(a.nodeId(null), p);
                if (first != null) {
                    problems.warning(p.where(), "point " + p.name(), "reads the same node as point " + first.name());
                }
            }
        }
    }

    /**
     * Two points may share registers only when each is a bitfield (distinct bits of one status word), or one is a
     * bitfield inside the exact registers of an integer point that exposes the whole word.
     */
    private static void overlaps(List<Point> points, Problems problems) {
        for (int i = 0; i < points.size(); i++) {
            Point a = points.get(i);
            if (!(a.address() instanceof ModbusAddress ma)) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                Point b = points.get(j);
                if (!(b.address() instanceof ModbusAddress mb) || !ma.overlaps(mb)) {
                    continue;
                }
                boolean aBit = a.type() == DataType.BITFIELD;
                boolean bBit = b.type() == DataType.BITFIELD;
                boolean sameWord = ma.address() == mb.address() && ma.count() == mb.count();
                if (aBit && bBit && sameWord) {
                    if (a.bit().equals(b.bit())) {
                        problems.error(a.where(), "point " + a.name(), "bit " + a.bit() + " of " + ma.table().word() + " "
                                + ma.written() + " is already point " + b.name());
                    }
                    continue;
                }
                if ((aBit || bBit) && sameWord && (a.type().isInteger() || b.type().isInteger())) {
                    continue;
                }
                problems.error(a.where(), "point " + a.name(), ma.table().word() + " " + describe(ma) + " overlaps point "
                        + b.name() + " (" + describe(mb) + "); check the address and count against the register map");
            }
        }
    }

    private static String describe(ModbusAddress a) {
        int lastWritten = a.written() + a.count() - 1;
        return a.count() == 1 ? "address " + a.written() : "addresses " + a.written() + ".." + lastWritten;
    }

    static void unusedPollGroups(YamlMap root, Map<String, Duration> groups, List<Point> points) {
        if (root.problems().hasErrors()) {
            return; // points that failed to read would make every group look unused
        }
        Set<String> used = new HashSet<>();
        points.forEach(p -> {
            if (p.pollGroup() != null) {
                used.add(p.pollGroup());
            }
        });
        for (String g : groups.keySet()) {
            if (!used.contains(g)) {
                Where w = root.whereOf("pollGroups");
                root.problems().warning(w, null, "poll group '" + g + "' is declared but no point uses it");
            }
        }
    }

    static void alarms(List<AlarmCondition> alarms, Problems problems) {
        Map<String, AlarmCondition> seen = new HashMap<>();
        for (AlarmCondition a : alarms) {
            AlarmCondition first = seen.putIfAbsent(a.type(), a);
            if (first != null) {
                problems.error(a.where(), "alarm " + a.type(), "the alarm type is declared twice (first at line "
                        + first.where().line() + "); a device has at most one active alarm per type");
            }
        }
    }
}
