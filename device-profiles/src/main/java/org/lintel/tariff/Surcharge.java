package org.lintel.tariff;

import java.math.BigDecimal;
import org.lintel.i18n.Label;

/** A per-unit charge outside the tiers (污水处理费 on water). */
public record Surcharge(Label name, BigDecimal price) {
}
