/**
 * Profile-driven Modbus, CoAP and OPC UA device simulators with scenario injection and ground truth. Filled by the simulators issue.
 */
package org.lintel.sim;
