package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import java.util.Optional;

/**
 * A Sparkplug B topic, {@code spBv1.0/<group>/<type>/<edge node>[/<device>]}, parsed.
 *
 * @param device null for node-level messages
 */
public record SparkplugTopic(String group, String type, String edgeNode, String device) {

    public static Optional<SparkplugTopic> parse(String topic) {
        String[] p = topic.split("/");
        if (p.length < 4 || !p[0].equals("spBv1.0") || p[1].equals("STATE")) {
            return Optional.empty();
        }
        return Optional.of(new SparkplugTopic(p[1], p[2], p[3], p.length > 4 ? p[4] : null));
    }

    /** The edge node: in Lintel the group is the site and the edge node id the gateway's. */
    public GatewayKey node() {
        return new GatewayKey(group, edgeNode);
    }
}
