package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * The "Node Control/Rebirth" NCMD a host sends to an edge node whose births it lacks, at most one per edge node every
 * few seconds: a node that keeps sending data before its birth would otherwise be asked once per message.
 */
public final class RebirthCommand {

    private static final long MIN_INTERVAL_MS = 5_000;

    private final Map<GatewayKey, Long> lastSent = new ConcurrentHashMap<>();

    /** The topic and payload to send now, or empty when this node was asked too recently. */
    public Optional<Command> due(String group, String edgeNode, long nowMillis) {
        GatewayKey node = new GatewayKey(group, edgeNode);
        Long last = lastSent.get(node);
        if (last != null && nowMillis - last < MIN_INTERVAL_MS) {
            return Optional.empty();
        }
        lastSent.put(node, nowMillis);
        try {
            SparkplugBPayload p = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(new Date(nowMillis))
                    .addMetric(new MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true).createMetric())
                    .createPayload();
            return Optional.of(new Command("spBv1.0/" + group + "/NCMD/" + edgeNode, new SparkplugBPayloadEncoder().getBytes(p, false)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode a rebirth command: " + e.getMessage(), e);
        }
    }

    public record Command(String topic, byte[] payload) {
    }
}
