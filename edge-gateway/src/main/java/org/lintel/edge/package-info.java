/**
 * The building edge gateway: drivers (Modbus, CoAP, OPC UA), Camel normalisation, store-and-forward and the Sparkplug B uplink. Filled by the edge acquisition and edge uplink issues.
 */
package org.lintel.edge;
