package org.lintel.sim.scenario;

import java.util.Arrays;
import java.util.List;

/** Every scenario the simulators can play, with the parameters each takes. */
public enum ScenarioType {
    FIRE("fire", "a detector goes to pre-alarm, then to fire after 'fireAfter' (default 30s, simulated)"),
    HEAT("heat", "the temperature at a detector rises by 'degreesPerMinute' (default 10) up to 'max' (default 70 °C), as in a fast fire"),
    DETECTOR_FAULT("detector-fault", "a detector reports its fault state"),
    TAMPER("tamper", "a detector is removed from its base"),
    LOW_BATTERY("low-battery", "a detector or water meter reports a low battery"),
    LIFT_FAULT("lift-fault", "a lift reports a fault; 'code' is a fault.code state name (default door-closing-fault)"),
    PASSENGER_TRAPPED("passenger-trapped", "a lift stops between floors with the passenger alarm on"),
    MAINTENANCE("maintenance", "a lift is put into inspection (maintenance) mode"),
    WATER_LEAK("water-leak", "a water meter sees a constant extra flow of 'litresPerHour' (default 30), day and night"),
    ROLLOVER("rollover", "a counter is preset 'margin' (canonical units, default 1) below its rollover limit, so it wraps soon; 'point' defaults to the billed counter"),
    REPLACEMENT("replacement", "a meter is replaced by a new one whose counter starts at 'initial' (default 0)"),
    SILENT("silent", "the device stops answering: requests time out"),
    MODBUS_EXCEPTION("modbus-exception", "every Modbus request gets exception 'code' (default 4, slave device failure)"),
    SLOW("slow", "answers come 'delayMs' later (default 1500)"),
    CORRUPT_CRC("corrupt-crc", "RTU answers carry a wrong CRC"),
    OPCUA_RESTART("opcua-restart", "the device's OPC UA server stops and comes back after 'downtime' (default 5s, wall clock)"),
    COAP_RESTART("coap-restart", "the device's CoAP server stops, losing every observe relation, and comes back after 'downtime' (default 5s)");

    private final String word;
    private final String description;

    ScenarioType(String word, String description) {
        this.word = word;
        this.description = description;
    }

    public String word() {
        return word;
    }

    public String description() {
        return description;
    }

    public static ScenarioType of(String word) {
        return Arrays.stream(values()).filter(t -> t.word.equals(word)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown scenario type '" + word + "'; known: " + words()));
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(ScenarioType::word).toList();
    }
}
