package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import java.util.Map;

/**
 * What the primary host knows of one edge node's Sparkplug session, as kept across hub restarts: the birth's bdSeq,
 * whether the session is trusted, its devices (born or dead) and the metric each alias stands for. The sequence number
 * is not part of it (it changes with every message); a restored session takes the next message's seq as given.
 *
 * @param node   the edge node (group and node id), as {@link SparkplugTopic#node()}
 * @param change what changed since the last save ({@link Change#ALL} for a session loaded whole)
 */
public record EdgeNodeSession(GatewayKey node, long bdSeq, boolean online, Map<String, Boolean> devices, Map<Long, BirthMetric> aliases,
                              Change change) {

    public EdgeNodeSession {
        devices = Map.copyOf(devices);
        aliases = Map.copyOf(aliases);
    }

    /**
     * What changed since the session was last saved, so that a store rewrites only that: a gateway born with 100
     * devices of 50 metrics would otherwise rewrite its whole alias table once per device birth.
     *
     * @param reborn  a node birth: everything is new
     * @param devices devices born or dead since; their aliases are in {@link #aliases()} as they are now
     */
    public record Change(boolean reborn, java.util.Set<String> devices) {
        public Change {
            devices = java.util.Set.copyOf(devices);
        }

        public static final Change ALL = new Change(true, java.util.Set.of());
    }

    /** What a birth said about one metric. */
    public record BirthMetric(String device, String name, String unit) {
    }
}
