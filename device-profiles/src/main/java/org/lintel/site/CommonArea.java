package org.lintel.site;

import java.math.BigDecimal;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A common area (公共区域): lobby, corridor lighting, lift, pump room. Its usage is apportioned to units.
 *
 * @param building the building it belongs to, or null for a site-wide area
 * @param area     floor area in m², if known
 */
public record CommonArea(String id, Label name, BigDecimal area, String building, Where where) {
}
