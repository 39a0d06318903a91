package org.lintel.hub.billing;

import java.math.BigDecimal;

/** A unit as its bills and notices name it: building, floor, floor area (zero when the site file gives none), room name. */
public record Premises(String unit, String building, int floor, BigDecimal area, String nameZh, String nameEn) {
}
