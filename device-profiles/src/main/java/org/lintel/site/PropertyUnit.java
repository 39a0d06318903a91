package org.lintel.site;

import java.math.BigDecimal;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A unit (户): an apartment or shop that receives bills. Its floor area in m² drives the property fee and
 * apportionment by area, so a metered unit must have one.
 *
 * @param area the floor area in m², or null when the file gives none
 */
public record PropertyUnit(String id, Label name, BigDecimal area, String building, int floor, Where where) {
}
