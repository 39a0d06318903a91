package org.lintel.profile;

import java.util.LinkedHashMap;
import java.util.Map;

/** The field protocol a device model speaks. */
public enum Protocol {
    MODBUS("modbus"),
    OPCUA("opcua"),
    COAP("coap");

    private final String word;

    Protocol(String word) {
        this.word = word;
    }

    /** The word used in profile files. */
    public String word() {
        return word;
    }

    public static Map<String, Protocol> words() {
        Map<String, Protocol> m = new LinkedHashMap<>();
        for (Protocol p : values()) {
            m.put(p.word, p);
        }
        return m;
    }
}
