package org.lintel.profile;

/**
 * The order of the registers of a multi-register value. {@code BIG}: most significant register first (ABCD,
 * Eastron); {@code LITTLE}: least significant first (CDAB, many PLCs). Getting this wrong bills a household for a
 * wildly wrong amount, so profiles must say it.
 */
public enum WordOrder {
    BIG,
    LITTLE
}
