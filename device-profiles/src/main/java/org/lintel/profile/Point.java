package org.lintel.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Optional;
import org.lintel.check.Where;
import org.lintel.i18n.Label;
import org.lintel.unit.Unit;

/**
 * One data point of a device model: what it means (canonical name, kind, unit), how it is encoded (data type,
 * scale, offset) and where it lives (address).
 *
 * @param name      canonical dotted name, e.g. {@code energy.import.total}
 * @param unit      the unit the device reports in after scale and offset; null for states, flags and strings
 * @param scale     engineering value = raw × scale + offset (then converted to the canonical unit)
 * @param rollover  for counters: the value (in {@code unit}) at which the device's counter wraps to zero
 * @param states    for states: raw value (as text, e.g. {@code "2"}) → state name (e.g. {@code fire})
 * @param bit       for bitfields: the bit position, 0 = least significant
 * @param pollGroup the poll group's name; null for points the device pushes (OPC UA subscription, CoAP observe)
 * @param billing   the billable quantity this counter measures, or null
 * @param where     where the point is written, for messages raised later (edge, hub)
 */
public record Point(
        String name,
        Label label,
        PointKind kind,
        DataType type,
        Unit unit,
        BigDecimal scale,
        BigDecimal offset,
        Access access,
        String pollGroup,
        Deadband deadband,
        ValueRange range,
        BigDecimal rollover,
        Map<String, String> states,
        Integer bit,
        BillingMeaning billing,
        PointAddress address,
        Where where) {

    public Point {
        // File order is kept: it is the order engineers wrote and the console lists states in.
        states = states == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    }

    /** The unit stored by edge and hub (kWh for a Wh register). */
    public Optional<Unit> canonicalUnit() {
        return Optional.ofNullable(unit).map(Unit::canonical);
    }

    /** Raw numeric value → value in the canonical unit, with exact decimal arithmetic for integer registers. */
    public BigDecimal toCanonical(BigDecimal raw) {
        BigDecimal engineering = raw.multiply(scale, MathContext.DECIMAL64).add(offset);
        return unit == null ? engineering : unit.toCanonical(engineering);
    }

    /** Raw floating-point value → canonical value. */
    public double toCanonical(double raw) {
        double engineering = raw * scale.doubleValue() + offset.doubleValue();
        return unit == null ? engineering : unit.toCanonical(engineering);
    }

    /** Canonical value → the raw value the device would hold (used by simulators to encode registers). */
    public double toRaw(double canonical) {
        double engineering = unit == null ? canonical : unit.fromCanonical(canonical);
        return (engineering - offset.doubleValue()) / scale.doubleValue();
    }

    /** The rollover limit in the canonical unit, or empty for points that are not counters. */
    public Optional<BigDecimal> canonicalRollover() {
        return Optional.ofNullable(rollover).map(r -> unit == null ? r : unit.toCanonical(r));
    }

    /** The state name for a raw value, e.g. {@code "2"} → {@code fire}. */
    public Optional<String> stateOf(String raw) {
        return Optional.ofNullable(states.get(raw));
    }

    public boolean isMeter() {
        return billing != null;
    }
}
