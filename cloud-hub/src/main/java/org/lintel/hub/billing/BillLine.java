package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * One printed line of a bill: the fee item (id and its Chinese name when computed), what kind of charge it is, what
 * the amount is based on (a tier, "88.00 m² × 22/31 month", a pool's share), quantity × unit price, the amount rounded
 * once, whether an estimated reading is behind it, the VAT rate of its invoice line, whether it is resold power
 * (转供电), and for a metered line the readings it was computed from.
 */
public record BillLine(String feeItem, String feeName, Kind kind, String basis, BigDecimal quantity, String unit, BigDecimal unitPrice,
                       BigDecimal amount, boolean estimated, BigDecimal taxRate, boolean resold, List<LineReading> readings) {

    /**
     * What a line charges for; a metered fee's usage is the sum of its {@code TIER} lines, or of its {@code BAND} lines
     * for a household on time of use (whose {@code TIER_ADDER} lines price part of the same usage again).
     */
    public enum Kind {
        TIER, BAND, TIER_ADDER, SURCHARGE, AREA, FIXED, ONE_OFF, POOL, ADJUSTMENT, LATE_FEE;

        /** A line whose quantity is the fee's usage (counted once). */
        public boolean usage() {
            return this == TIER || this == BAND;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public BillLine {
        readings = readings == null ? List.of() : List.copyOf(readings);
    }
}
