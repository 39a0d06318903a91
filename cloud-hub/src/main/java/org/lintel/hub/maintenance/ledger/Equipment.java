package org.lintel.hub.maintenance.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the equipment ledger (设备台账): a device of the site files (telemetry) or equipment without telemetry
 * (an extinguisher, a hydrant, a pump, a door), where it is, who made and supplied it, since when it serves, its
 * parent (a lift's controller under the lift) and its status.
 */
public record Equipment(String site, String id, String kind, String nameZh, String nameEn, boolean telemetry, String profile, String building,
                        String floor, String area, String model, String manufacturer, String serial, LocalDate installedOn,
                        LocalDate commissionedOn, String supplier, LocalDate warrantyUntil, String parent, String status, List<String> documents) {

    public static final List<String> STATUSES = List.of("in-service", "down", "under-maintenance", "retired");

    public Equipment {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }
}
