package org.lintel.profile;

/**
 * Where a point lives on the device, in the terms of the profile's protocol: a {@code ModbusAddress},
 * {@code OpcUaAddress} or {@code CoapAddress}. (Not sealed: the implementations live in per-protocol packages.)
 */
public interface PointAddress {
}
