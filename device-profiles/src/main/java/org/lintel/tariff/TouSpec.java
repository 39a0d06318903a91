package org.lintel.tariff;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Time-of-use bands as written: windows in local time, a price per band, and the tier adders on top. */
public record TouSpec(List<Window> windows, Map<String, BigDecimal> prices, List<BigDecimal> tierAdders) {

    /** One window of a band, from inclusive to exclusive; running over midnight when it ends at or before it starts. */
    public record Window(String band, LocalTime from, LocalTime to) {

        public boolean covers(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    public TouSpec {
        windows = List.copyOf(windows);
        prices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(prices));
        tierAdders = List.copyOf(tierAdders);
    }
}
