package org.lintel.tariff;

import java.util.List;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * One fee of the site's tariff. {@code point} and {@code unit}: the canonical point a metered item bills and its
 * unit; {@code poolMeters} and {@code allocate}: the meters whose usage a pool shares, and how.
 */
public record FeeItem(String id, Label name, FeeKind kind, String point, String unit, List<TariffVersion> versions, List<String> poolMeters,
                      Allocation allocate, Where where) {

    /** How a pool is shared among units. */
    public enum Allocation { AREA, HOUSEHOLDS, USAGE }

    public FeeItem {
        versions = List.copyOf(versions);
        poolMeters = List.copyOf(poolMeters);
    }
}
