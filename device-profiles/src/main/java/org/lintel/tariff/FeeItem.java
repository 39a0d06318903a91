package org.lintel.tariff;

import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * One fee of the site's tariff. {@code point} and {@code unit}: the canonical point a metered item bills and its
 * unit; {@code poolMeters} and {@code allocate}: the meters whose usage a pool shares, and how; {@code resold}: power
 * resold to the units (转供电, metered or a pool), whose charges may not exceed the grid's bill for the master meter; {@code taxRate}: the
 * VAT rate of its invoice lines (0.13 for electricity, 0.09 for water, 0.06 for property services), or null.
 */
public record FeeItem(String id, Label name, FeeKind kind, String point, String unit, List<TariffVersion> versions, List<String> poolMeters,
                      Allocation allocate, boolean resold, java.math.BigDecimal taxRate, LateFee lateFee, Where where) {

    public FeeItem(String id, Label name, FeeKind kind, String point, String unit, List<TariffVersion> versions, List<String> poolMeters,
                   Allocation allocate, Where where) {
        this(id, name, kind, point, unit, versions, poolMeters, allocate, false, null, null, where);
    }

    public FeeItem(String id, Label name, FeeKind kind, String point, String unit, List<TariffVersion> versions, List<String> poolMeters,
                   Allocation allocate, boolean resold, java.math.BigDecimal taxRate, Where where) {
        this(id, name, kind, point, unit, versions, poolMeters, allocate, resold, taxRate, null, where);
    }

    /** How a pool is shared among units. */
    public enum Allocation { AREA, HOUSEHOLDS, USAGE }

    public FeeItem {
        versions = List.copyOf(versions);
        poolMeters = List.copyOf(poolMeters);
    }
}
