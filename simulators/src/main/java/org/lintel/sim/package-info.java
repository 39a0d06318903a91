/**
 * Profile-driven device simulators: every device of a site file served over real Modbus TCP, Modbus RTU over TCP,
 * CoAP and OPC UA, with values that follow physics over a simulated clock, scenario injection and ground truth.
 */
package org.lintel.sim;
