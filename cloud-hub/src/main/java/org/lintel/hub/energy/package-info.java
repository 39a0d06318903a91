/**
 * Energy analysis (能耗分析) over the site file's meter tree ({@link org.lintel.hub.energy.MeterTree}): losses below
 * each upstream meter ({@link org.lintel.hub.energy.Losses}). To come (issue 20): hourly and daily rollups kept from
 * {@code org.lintel.hub.telemetry.TelemetryEvent.ReadingsStored}, leaks, baselines, CO₂. Never MQTT or HTTP.
 */
package org.lintel.hub.energy;
