package org.lintel.hub.maintenance;

/** A work order was opened ({@code from} null) or changed state; published on the hub's event bus. */
public record WorkOrderChanged(WorkOrder order, WorkOrderState from, String by) {
}
