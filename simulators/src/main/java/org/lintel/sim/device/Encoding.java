package org.lintel.sim.device;

import java.util.Map;
import org.lintel.profile.Point;
import org.lintel.reading.Value;

/** The raw value a device would hold for a canonical value: the inverse of the profile's decoding. */
public final class Encoding {

    private Encoding() {
    }

    /** The raw key of a state name ({@code fire} → {@code "2"}), or the name itself when the profile maps text. */
    public static String stateRaw(Point point, String stateName) {
        for (Map.Entry<String, String> e : point.states().entrySet()) {
            if (e.getValue().equals(stateName)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("point " + point.name() + " has no state '" + stateName + "'");
    }

    /** A numeric raw value (before scale) for number-like values: numbers, flags, numeric states. */
    public static double rawNumber(Point point, Value v) {
        if (v instanceof Value.Numeric n) {
            return point.toRaw(n.value());
        }
        if (v instanceof Value.Flag f) {
            return f.value() ? 1 : 0;
        }
        if (v instanceof Value.State s) {
            return Double.parseDouble(stateRaw(point, s.name()));
        }
        throw new IllegalArgumentException("point " + point.name() + " holds text, not a number");
    }
}
