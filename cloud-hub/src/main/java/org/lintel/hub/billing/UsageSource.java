package org.lintel.hub.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.usage.Consumption;
import org.lintel.hub.usage.MeterUsage;

/** Where billing gets metered usage: the usage domain's {@link MeterUsage} in the hub, a table of counters in tests. */
@FunctionalInterface
public interface UsageSource {

    Consumption consumption(String site, String target, String point, Instant from, Instant to);

    /** The usage over each stretch between consecutive boundaries (time-of-use bands). */
    default List<Consumption> consumptions(String site, String target, String point, List<Instant> boundaries) {
        List<Consumption> out = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            out.add(consumption(site, target, point, boundaries.get(i), boundaries.get(i + 1)));
        }
        return out;
    }

    /** A source for one bill run: many units of one site over the same instants (see {@link MeterUsage#batched()}). */
    default UsageSource forRun() {
        return this;
    }

    /** The hub's source: the usage domain over the meters' readings. */
    static UsageSource of(MeterUsage usage) {
        return new UsageSource() {
            @Override
            public Consumption consumption(String site, String target, String point, Instant from, Instant to) {
                return usage.consumption(site, target, point, from, to);
            }

            @Override
            public List<Consumption> consumptions(String site, String target, String point, List<Instant> boundaries) {
                return usage.consumptions(site, target, point, boundaries);
            }

            @Override
            public UsageSource forRun() {
                return of(usage.batched());
            }
        };
    }
}
