package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time of use (峰谷分时) combined with tiers the way Chinese residential tariffs combine them: the tier is decided on the
 * total usage of the accumulation period, each band's usage is priced at the band's price, and the usage that falls in
 * tier 2 or 3 pays that tier's adder on top (tier 1's adder is zero).
 */
public record TimeOfUseTariff(Map<String, BigDecimal> bandPrices, TierSchedule adders) {

    public TimeOfUseTariff {
        bandPrices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bandPrices));
        if (bandPrices.isEmpty()) {
            throw new IllegalArgumentException("a time-of-use tariff names at least one band with its price");
        }
    }

    /** The line for {@code bandUsage} (band → usage) used after {@code alreadyUsed} in the accumulation period. */
    public TouCharge charge(BigDecimal alreadyUsed, Map<String, BigDecimal> bandUsage) {
        List<BandPart> bands = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> b : bandUsage.entrySet()) {
            BigDecimal price = bandPrices.get(b.getKey());
            if (price == null) {
                throw new IllegalArgumentException("no price for band '" + b.getKey() + "'; bands: " + bandPrices.keySet());
            }
            bands.add(new BandPart(b.getKey(), b.getValue(), price, Money.amount(b.getValue(), price)));
            total = total.add(b.getValue());
        }
        List<TierPart> adders = adders().charge(alreadyUsed, total).stream().filter(p -> p.unitPrice().signum() > 0).toList();
        return new TouCharge(bands, adders);
    }
}
