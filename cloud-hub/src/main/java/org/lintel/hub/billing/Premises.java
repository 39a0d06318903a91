package org.lintel.hub.billing;

import java.math.BigDecimal;

/**
 * A unit as its bills and notices name it: its building (id and names), floor, floor area (zero when the site file
 * gives none) and room names.
 */
public record Premises(String unit, String building, String buildingZh, String buildingEn, int floor, BigDecimal area, String nameZh, String nameEn) {

    /** "1号楼 0101" as a notice prints it: the building's and the room's Chinese names, the ids where a name is missing. */
    public String room() {
        String b = buildingZh != null ? buildingZh : buildingEn != null ? buildingEn : building;
        String r = nameZh != null ? nameZh : nameEn != null ? nameEn : unit;
        return b + " " + r;
    }
}
