package org.lintel.hub.maintenance;

/**
 * Reaches people about a work order through the channels and on-call rosters alarms use: {@code upToStep} 0 is the
 * route's first step (the technician on call), higher steps escalate to whom the route names next.
 */
public interface WorkNotices {

    WorkNotices NONE = (order, kind, upToStep, text) -> { };

    void tell(WorkOrder order, String kind, int upToStep, String text);
}
