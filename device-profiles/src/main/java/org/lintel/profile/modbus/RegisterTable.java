package org.lintel.profile.modbus;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four Modbus data tables, with the function code that reads each and the most one request may read. */
public enum RegisterTable {
    COIL("coil", 1, 2000, true),
    DISCRETE_INPUT("discrete-input", 2, 2000, true),
    INPUT_REGISTER("input-register", 4, 125, false),
    HOLDING_REGISTER("holding-register", 3, 125, false);

    private final String word;
    private final int readFunction;
    private final int maxPerRead;
    private final boolean bits;

    RegisterTable(String word, int readFunction, int maxPerRead, boolean bits) {
        this.word = word;
        this.readFunction = readFunction;
        this.maxPerRead = maxPerRead;
        this.bits = bits;
    }

    public String word() {
        return word;
    }

    public int readFunction() {
        return readFunction;
    }

    /** The protocol maximum per read request: 2000 coils or discrete inputs, 125 registers. */
    public int maxPerRead() {
        return maxPerRead;
    }

    /** True for the single-bit tables (coils, discrete inputs). */
    public boolean isBits() {
        return bits;
    }

    public static Map<String, RegisterTable> words() {
        Map<String, RegisterTable> m = new LinkedHashMap<>();
        for (RegisterTable t : values()) {
            m.put(t.word, t);
        }
        return m;
    }
}
