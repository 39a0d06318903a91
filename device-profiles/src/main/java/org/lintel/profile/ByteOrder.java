package org.lintel.profile;

/** The order of the two bytes inside each 16-bit register. Modbus itself is big-endian; some devices swap. */
public enum ByteOrder {
    BIG,
    LITTLE
}
