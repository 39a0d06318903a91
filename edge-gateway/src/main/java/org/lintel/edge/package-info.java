/**
 * The building edge gateway: drivers (Modbus, CoAP, OPC UA) read devices as their profiles say, poll scheduling and
 * per-device failure handling, Apache Camel routes that normalise raw values into canonical readings.
 */
package org.lintel.edge;
