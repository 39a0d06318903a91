package org.lintel.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.lintel.check.Where;

/**
 * A fee item's prices from a date on (local date of the site), until the next version's date. {@code price} is the
 * flat unit price of a metered item without tiers, the price per m² and month of an area fee, the amount per month of
 * a fixed fee, or the amount of a one-off fee.
 */
public record TariffVersion(LocalDate from, BigDecimal price, TierSpec tiers, TouSpec timeOfUse, List<Surcharge> surcharges, Where where) {

    public TariffVersion {
        surcharges = List.copyOf(surcharges);
    }
}
