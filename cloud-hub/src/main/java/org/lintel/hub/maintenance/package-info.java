/**
 * To come (issue 19): equipment ledger, maintenance plans, work orders. A work order is opened from an alarm by
 * subscribing to {@code org.lintel.hub.alarm.AlarmTransitioned} on the {@code org.lintel.hub.core.EventBus} (wired in
 * {@code org.lintel.hub.app.Hub}); usage-based plans subscribe to
 * {@code org.lintel.hub.telemetry.TelemetryEvent.ReadingsStored}. Never MQTT or HTTP.
 */
package org.lintel.hub.maintenance;
