/**
 * Maintenance fed by telemetry (docs/maintenance.md): work orders and their life ({@link org.lintel.hub.maintenance.WorkOrders}),
 * alarm → work order without duplicates ({@link org.lintel.hub.maintenance.AlarmWorkOrders}, subscribed to
 * {@code org.lintel.hub.alarm.AlarmTransitioned}), SLA deadlines escalated through the on-call routes
 * ({@link org.lintel.hub.maintenance.SlaWatch}); plans in {@code maintenance.plan} (usage plans subscribe to
 * {@code org.lintel.hub.telemetry.TelemetryEvent.ReadingsStored}), the equipment ledger in {@code maintenance.ledger}, KPIs
 * in {@code maintenance.kpi}. Never MQTT or HTTP.
 */
package org.lintel.hub.maintenance;
