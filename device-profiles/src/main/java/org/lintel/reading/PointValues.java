package org.lintel.reading;

import java.math.BigDecimal;
import org.lintel.profile.DataType;
import org.lintel.profile.Point;

/**
 * Turns a decoded raw value into the canonical value of a point: applies scale, offset and unit conversion, maps
 * states, and checks the plausible range. Shared by every driver so that all protocols normalise alike.
 */
public final class PointValues {

    /** A canonical value with the quality the mapping found. */
    public record Mapped(Value value, Quality quality) {
    }

    private PointValues() {
    }

    public static Mapped map(Point point, RawValue raw) {
        switch (point.kind()) {
            case STATE:
                return state(point, raw);
            case FLAG:
                return new Mapped(new Value.Flag(truth(raw)), Quality.GOOD);
            default:
                if (point.type() == DataType.STRING && raw instanceof RawValue.Text t) {
                    return new Mapped(new Value.Text(t.value()), Quality.GOOD);
                }
                return numeric(point, raw);
        }
    }

    /** The text form of a raw value used as the key of a profile's states ({@code 2}, {@code fire}). */
    static String stateKey(RawValue raw) {
        if (raw instanceof RawValue.Integer i) {
            return i.value().stripTrailingZeros().toPlainString();
        }
        if (raw instanceof RawValue.Floating f) {
            return BigDecimal.valueOf(f.value()).stripTrailingZeros().toPlainString();
        }
        if (raw instanceof RawValue.Bool b) {
            return b.value() ? "1" : "0";
        }
        return ((RawValue.Text) raw).value().trim();
    }

    private static Mapped state(Point point, RawValue raw) {
        String key = stateKey(raw);
        return point.stateOf(key)
                .map(name -> new Mapped(new Value.State(name, key), Quality.GOOD))
                .orElseGet(() -> new Mapped(new Value.State("unknown", key),
                        Quality.uncertain(QualityReason.UNKNOWN_STATE, "raw value " + key + " is not among the profile's states")));
    }

    private static boolean truth(RawValue raw) {
        if (raw instanceof RawValue.Integer i) {
            return i.value().signum() != 0;
        }
        if (raw instanceof RawValue.Floating f) {
            return f.value() != 0.0;
        }
        if (raw instanceof RawValue.Bool b) {
            return b.value();
        }
        String t = ((RawValue.Text) raw).value().trim();
        return t.equalsIgnoreCase("true") || t.equals("1");
    }

    private static Mapped numeric(Point point, RawValue raw) {
        double canonical;
        if (raw instanceof RawValue.Integer i) {
            canonical = point.toCanonical(i.value()).doubleValue();
        } else if (raw instanceof RawValue.Floating f) {
            if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
                return new Mapped(null, Quality.bad(QualityReason.DEVICE_FAILURE, "device reported " + f.value()));
            }
            canonical = point.toCanonical(f.value());
        } else if (raw instanceof RawValue.Bool b) {
            canonical = point.toCanonical(b.value() ? BigDecimal.ONE : BigDecimal.ZERO).doubleValue();
        } else {
            String t = ((RawValue.Text) raw).value().trim();
            try {
                canonical = point.toCanonical(new BigDecimal(t)).doubleValue();
            } catch (NumberFormatException e) {
                return new Mapped(null, Quality.bad(QualityReason.DECODE_ERROR, "'" + t + "' is not a number"));
            }
        }
        Value v = new Value.Numeric(canonical);
        if (point.range() != null && !point.range().contains(canonical)) {
            return new Mapped(v, Quality.uncertain(QualityReason.OUT_OF_RANGE,
                    canonical + " outside " + point.range().min() + ".." + point.range().max()));
        }
        return new Mapped(v, Quality.GOOD);
    }
}
