package org.lintel.unit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed unit vocabulary of Lintel. A profile names the unit a device reports in; readings are converted to the
 * dimension's canonical unit ({@code canonical = value × factor + offset}), so that the hub never has to know
 * whether a meter counted Wh or kWh.
 *
 * <p>Heat energy keeps its own dimension (GJ) because Chinese heat meters and heat tariffs are in GJ, and smoke
 * obscuration in %/m and dB/m are kept apart because their relation is not linear.
 */
public enum Unit {
    WH("Wh", "Wh", Dimension.ENERGY, "0.001"),
    KWH("kWh", "kWh", Dimension.ENERGY, "1"),
    MWH("MWh", "MWh", Dimension.ENERGY, "1000"),
    VARH("varh", "varh", Dimension.REACTIVE_ENERGY, "0.001"),
    KVARH("kvarh", "kvarh", Dimension.REACTIVE_ENERGY, "1"),
    VAH("VAh", "VAh", Dimension.APPARENT_ENERGY, "0.001"),
    KVAH("kVAh", "kVAh", Dimension.APPARENT_ENERGY, "1"),
    W("W", "W", Dimension.POWER, "0.001"),
    KW("kW", "kW", Dimension.POWER, "1"),
    MW("MW", "MW", Dimension.POWER, "1000"),
    VAR("var", "var", Dimension.REACTIVE_POWER, "0.001"),
    KVAR("kvar", "kvar", Dimension.REACTIVE_POWER, "1"),
    VA("VA", "VA", Dimension.APPARENT_POWER, "0.001"),
    KVA("kVA", "kVA", Dimension.APPARENT_POWER, "1"),
    MV("mV", "mV", Dimension.VOLTAGE, "0.001"),
    V("V", "V", Dimension.VOLTAGE, "1"),
    KV("kV", "kV", Dimension.VOLTAGE, "1000"),
    MA("mA", "mA", Dimension.CURRENT, "0.001"),
    A("A", "A", Dimension.CURRENT, "1"),
    HZ("Hz", "Hz", Dimension.FREQUENCY, "1"),
    DEG("deg", "°", Dimension.ANGLE, "1"),
    RATIO("ratio", "", Dimension.RATIO, "1"),
    PERCENT("%", "%", Dimension.PERCENT, "1"),
    PERMILLE("permille", "‰", Dimension.PERCENT, "0.1"),
    L("L", "L", Dimension.VOLUME, "0.001"),
    M3("m3", "m³", Dimension.VOLUME, "1"),
    L_PER_S("L/s", "L/s", Dimension.FLOW, "3.6"),
    L_PER_MIN("L/min", "L/min", Dimension.FLOW, "0.06"),
    L_PER_H("L/h", "L/h", Dimension.FLOW, "0.001"),
    M3_PER_H("m3/h", "m³/h", Dimension.FLOW, "1"),
    DEG_C("degC", "°C", Dimension.TEMPERATURE, "1"),
    K("K", "K", Dimension.TEMPERATURE, "1", "-273.15"),
    PA("Pa", "Pa", Dimension.PRESSURE, "0.001"),
    KPA("kPa", "kPa", Dimension.PRESSURE, "1"),
    MPA("MPa", "MPa", Dimension.PRESSURE, "1000"),
    BAR("bar", "bar", Dimension.PRESSURE, "100"),
    MM("mm", "mm", Dimension.LENGTH, "0.001"),
    CM("cm", "cm", Dimension.LENGTH, "0.01"),
    M("m", "m", Dimension.LENGTH, "1"),
    M_PER_S("m/s", "m/s", Dimension.SPEED, "1"),
    S("s", "s", Dimension.DURATION, "0.0002777777777777777777777777777777778"),
    MIN("min", "min", Dimension.DURATION, "0.01666666666666666666666666666666667"),
    H("h", "h", Dimension.DURATION, "1"),
    COUNT("count", "", Dimension.COUNT, "1"),
    DB_PER_M("dB/m", "dB/m", Dimension.SMOKE_OBSCURATION, "1"),
    OBSCURATION_PERCENT_PER_M("%obs/m", "%/m", Dimension.SMOKE_OBSCURATION_PERCENT, "1"),
    PPM("ppm", "ppm", Dimension.CONCENTRATION, "1"),
    MJ("MJ", "MJ", Dimension.HEAT_ENERGY, "0.001"),
    GJ("GJ", "GJ", Dimension.HEAT_ENERGY, "1");

    private static final Map<String, Unit> BY_ID;
    private static final Map<String, Unit> ALIASES = Map.of("m³", M3, "°C", DEG_C, "m³/h", M3_PER_H, "°", DEG, "l", L,
            "kwh", KWH, "KWh", KWH, "KW", KW);

    static {
        Map<String, Unit> m = new LinkedHashMap<>();
        for (Unit u : values()) {
            m.put(u.id, u);
        }
        BY_ID = Collections.unmodifiableMap(m);
    }

    private final String id;
    private final String symbol;
    private final Dimension dimension;
    private final BigDecimal factor;
    private final BigDecimal offset;

    Unit(String id, String symbol, Dimension dimension, String factor) {
        this(id, symbol, dimension, factor, "0");
    }

    Unit(String id, String symbol, Dimension dimension, String factor, String offset) {
        this.id = id;
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = new BigDecimal(factor);
        this.offset = new BigDecimal(offset);
    }

    /** The word written in profiles, e.g. {@code kWh} or {@code m3}. */
    public String id() {
        return id;
    }

    /** The symbol shown to people, e.g. {@code m³}. */
    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    public Unit canonical() {
        return dimension.canonical();
    }

    public boolean isCanonical() {
        return canonical() == this;
    }

    /** Converts a value in this unit to the canonical unit, exactly where the factor is exact. */
    public BigDecimal toCanonical(BigDecimal value) {
        if (isCanonical()) {
            return value;
        }
        return value.multiply(factor, MathContext.DECIMAL64).add(offset);
    }

    public double toCanonical(double value) {
        return isCanonical() ? value : value * factor.doubleValue() + offset.doubleValue();
    }

    /** Converts a canonical value back to this unit (simulators encode what a device would report). */
    public double fromCanonical(double canonicalValue) {
        return isCanonical() ? canonicalValue : (canonicalValue - offset.doubleValue()) / factor.doubleValue();
    }

    /** The unit written as {@code id}, or one of its common spellings (m³, °C). */
    public static Optional<Unit> byId(String id) {
        Unit u = BY_ID.get(id);
        return Optional.ofNullable(u != null ? u : ALIASES.get(id));
    }

    /** Every word the vocabulary accepts, for messages and the JSON Schema. */
    public static Set<String> ids() {
        return BY_ID.keySet();
    }
}
