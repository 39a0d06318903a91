/**
 * To come (issue 20): the meter tree, hourly and daily rollups kept from
 * {@code org.lintel.hub.telemetry.TelemetryEvent.ReadingsStored}, losses, leaks, CO₂. Never MQTT or HTTP.
 */
package org.lintel.hub.energy;
