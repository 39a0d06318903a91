package org.lintel.unit;

/** What a unit measures. Each dimension has one canonical unit in which edge and hub store values. */
public enum Dimension {
    ENERGY("kWh"),
    REACTIVE_ENERGY("kvarh"),
    APPARENT_ENERGY("kVAh"),
    POWER("kW"),
    REACTIVE_POWER("kvar"),
    APPARENT_POWER("kVA"),
    VOLTAGE("V"),
    CURRENT("A"),
    FREQUENCY("Hz"),
    ANGLE("deg"),
    RATIO("ratio"),
    PERCENT("%"),
    VOLUME("m3"),
    FLOW("m3/h"),
    TEMPERATURE("degC"),
    PRESSURE("kPa"),
    LENGTH("m"),
    SPEED("m/s"),
    DURATION("h"),
    COUNT("count"),
    SMOKE_OBSCURATION("dB/m"),
    SMOKE_OBSCURATION_PERCENT("%obs/m"),
    CONCENTRATION("ppm"),
    HEAT_ENERGY("GJ");

    private final String canonicalId;

    Dimension(String canonicalId) {
        this.canonicalId = canonicalId;
    }

    public Unit canonical() {
        return Unit.byId(canonicalId).orElseThrow();
    }
}
