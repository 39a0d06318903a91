package org.lintel.profile;

/** How a device encodes a point's raw value; {@link #registers()} is the Modbus register count it occupies. */
public enum DataType {
    BOOL(1, false),
    INT16(1, true),
    UINT16(1, true),
    INT32(2, true),
    UINT32(2, true),
    INT64(4, true),
    UINT64(4, true),
    FLOAT32(2, true),
    FLOAT64(4, true),
    /** Text; its register count is given by the profile. */
    STRING(0, false),
    /** One bit of a register (or of a two-register word), selected by the point's {@code bit}. */
    BITFIELD(1, false);

    private final int registers;
    private final boolean numeric;

    DataType(int registers, boolean numeric) {
        this.registers = registers;
        this.numeric = numeric;
    }

    /** The number of 16-bit registers the type needs; 0 where the profile must say (strings). */
    public int registers() {
        return registers;
    }

    public boolean isNumeric() {
        return numeric;
    }

    public boolean isInteger() {
        return numeric && this != FLOAT32 && this != FLOAT64;
    }
}
