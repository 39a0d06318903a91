package org.lintel.sim.behaviour;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.lintel.profile.Point;
import org.lintel.reading.Value;

/**
 * How one kind of device behaves over simulated time: the canonical value of each point at an instant. Values are
 * deterministic functions of (seed, device, time), so ground truth does not depend on when anybody polls.
 */
public interface Behaviour {

    /** The point's canonical value at {@code t}, or empty when this behaviour does not model the point. */
    Optional<Value> value(Point point, Instant t);

    /**
     * The exact cumulative total a counter has measured by {@code t}, in canonical units, before any rollover or
     * meter replacement: the ground truth that billing must reproduce. Empty for points that are not modelled counters.
     */
    Optional<BigDecimal> trueTotal(Point point, Instant t);
}
