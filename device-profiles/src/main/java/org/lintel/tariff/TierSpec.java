package org.lintel.tariff;

import java.math.BigDecimal;
import java.util.List;

/**
 * Graduated tiers as written: upper bounds (one fewer than prices) over an accumulation period; seasons may replace
 * the bounds for some months (Shenzhen's summer); a household above {@code basePersons} has every bound raised by
 * {@code perPerson} for each further person.
 */
public record TierSpec(Period period, List<BigDecimal> bounds, List<BigDecimal> prices, List<Season> seasons, Integer basePersons,
                       BigDecimal perPerson) {

    /** Over how long the tier position accumulates. */
    public enum Period { BILL, MONTH, YEAR }

    /** Bounds that apply in the given months (1–12). */
    public record Season(List<Integer> months, List<BigDecimal> bounds) {
    }

    public TierSpec {
        bounds = List.copyOf(bounds);
        prices = List.copyOf(prices);
        seasons = List.copyOf(seasons);
    }
}
