package org.lintel.hub.sparkplug;

import java.util.Map;

/**
 * What the primary host knows of one edge node's Sparkplug session, as kept across hub restarts: the birth's bdSeq,
 * whether the session is trusted, its devices (born or dead) and the metric each alias stands for. The sequence number
 * is not part of it (it changes with every message); a restored session takes the next message's seq as given.
 *
 * @param node "group/edge node", as {@link SparkplugTopic#node()}
 */
public record EdgeNodeSession(String node, long bdSeq, boolean online, Map<String, Boolean> devices, Map<Long, BirthMetric> aliases) {

    public EdgeNodeSession {
        devices = Map.copyOf(devices);
        aliases = Map.copyOf(aliases);
    }

    /** What a birth said about one metric. */
    public record BirthMetric(String device, String name, String unit) {
    }
}
