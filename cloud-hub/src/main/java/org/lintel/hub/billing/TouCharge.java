package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.util.List;

/** A time-of-use line: each band's usage at its price, then the tier adders on the total usage. */
public record TouCharge(List<BandPart> bands, List<TierPart> tierAdders) {

    public TouCharge {
        bands = List.copyOf(bands);
        tierAdders = List.copyOf(tierAdders);
    }

    public BigDecimal quantity() {
        return bands.stream().map(BandPart::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The sum of the printed parts. */
    public BigDecimal total() {
        return bands.stream().map(BandPart::amount).reduce(Money.zero(), BigDecimal::add).add(TierSchedule.total(tierAdders));
    }
}
