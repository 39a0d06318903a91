package org.lintel.sim.scenario;

import java.time.Instant;
import java.util.Map;

/**
 * A scenario started on a device: what happens (type), its parameters, and when it started and ended in simulated
 * time (ended null while it is active).
 */
public record Scenario(String id, String type, String device, Map<String, String> params, Instant started, Instant ended) {

    public Scenario {
        params = Map.copyOf(params);
    }

    public boolean active() {
        return ended == null;
    }

    Scenario endedAt(Instant at) {
        return new Scenario(id, type, device, params, started, at);
    }
}
