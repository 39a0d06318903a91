package org.lintel.profile.modbus;

import org.lintel.profile.ByteOrder;
import org.lintel.profile.WordOrder;

import org.lintel.profile.PointAddress;

/**
 * Where a Modbus point lives.
 *
 * @param table     the data table
 * @param address   the protocol address (0-based, as sent on the wire), already corrected for the profile's base
 * @param written   the address as written in the profile, for messages
 * @param count     registers (or bits) the point occupies
 * @param byteOrder byte order inside each register
 * @param wordOrder register order of multi-register values
 */
public record ModbusAddress(
        RegisterTable table,
        int address,
        int written,
        int count,
        ByteOrder byteOrder,
        WordOrder wordOrder) implements PointAddress {

    /** The first protocol address after this point. */
    public int end() {
        return address + count;
    }

    public boolean overlaps(ModbusAddress other) {
        return table == other.table && address < other.end() && other.address < end();
    }
}
