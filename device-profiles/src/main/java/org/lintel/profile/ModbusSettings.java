package org.lintel.profile;

/**
 * Device-wide Modbus settings of a profile.
 *
 * @param addressBase         0 when addresses are protocol addresses (as sent on the wire), 1 when the manual numbers
 *                            registers from 1 (register 1 = protocol address 0); required, because guessing is the
 *                            classic off-by-one
 * @param byteOrder           default byte order of the points
 * @param wordOrder           default word order of the points
 * @param maxRegistersPerRead the device's own limit per request (at most 125)
 * @param maxBitsPerRead      the device's own limit per coil or discrete-input request (at most 2000)
 * @param readAcrossGaps      whether one request may span registers the profile does not map; some devices answer
 *                            exception 2 (illegal data address) when it does
 */
public record ModbusSettings(
        int addressBase,
        ByteOrder byteOrder,
        WordOrder wordOrder,
        int maxRegistersPerRead,
        int maxBitsPerRead,
        boolean readAcrossGaps) {
}
