package org.lintel.hub.billing;

import java.time.Instant;
import org.lintel.hub.usage.Consumption;

/** Where billing gets metered usage: {@code usage.MeterUsage::consumption} in the hub, a table of counters in tests. */
@FunctionalInterface
public interface UsageSource {
    Consumption consumption(String site, String target, String point, Instant from, Instant to);
}
