package org.lintel.edge.sparkplug;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.tahu.message.model.MetricDataType;
import org.lintel.edge.normalize.DeviceContext;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;
import org.lintel.profile.PointKind;

/**
 * The Sparkplug metrics of a gateway: one per device point, with an alias unique in the edge node (assigned in site
 * order, so it is stable across restarts of the same configuration) and a data type from the point's kind.
 */
final class MetricCatalog {

    /** A metric of a device. */
    record Entry(String device, Point point, long alias, MetricDataType type) {
    }

    private final Map<String, Map<String, Entry>> byDevice = new LinkedHashMap<>();

    MetricCatalog(List<DeviceContext> devices) {
        long alias = 1;
        for (DeviceContext d : devices) {
            Map<String, Entry> m = new LinkedHashMap<>();
            for (Point p : d.profile().points()) {
                m.put(p.name(), new Entry(d.device().id(), p, alias++, type(p)));
            }
            byDevice.put(d.device().id(), m);
        }
    }

    static MetricDataType type(Point p) {
        if (p.kind() == PointKind.FLAG) {
            return MetricDataType.Boolean;
        }
        if (p.kind() == PointKind.STATE || p.type() == DataType.STRING) {
            return MetricDataType.String;
        }
        return MetricDataType.Double;
    }

    Map<String, Entry> device(String id) {
        return byDevice.getOrDefault(id, new HashMap<>());
    }

    Iterable<String> devices() {
        return byDevice.keySet();
    }
}
