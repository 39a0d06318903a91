package org.lintel.edge.sparkplug;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a gateway reaches the hub.
 *
 * @param broker         {@code tcp://host:1883} or {@code ssl://host:8883}; several broker nodes comma-separated, tried in turn
 *                       (see {@link SparkplugUplink} on walking to the next)
 * @param groupId        the Sparkplug group: the site id
 * @param edgeNodeId     the Sparkplug edge node: the gateway id
 * @param primaryHostId  publish only while this primary host's STATE says online; null to publish whenever connected
 * @param bufferDir      where the store-and-forward buffer lives
 * @param bufferMaxBytes the buffer's bound on disk
 * @param caFile         PEM file of the CA that signed the broker's certificate (ssl:// only; null = the JVM's trust)
 * @param hostWait       with several broker nodes, how long the primary host may be offline (or silent) on the node this
 *                       gateway is connected to before it walks to the next node
 */
public record UplinkSettings(String broker, String username, String password, String groupId, String edgeNodeId,
                             String primaryHostId, Path bufferDir, long bufferMaxBytes, Duration keepAlive, Path caFile, Duration hostWait) {

    /** Long enough for a primary host's restart not to send every gateway around the nodes, short against a lost node. */
    public static final Duration DEFAULT_HOST_WAIT = Duration.ofSeconds(10);

    public UplinkSettings(String broker, String username, String password, String groupId, String edgeNodeId,
                          String primaryHostId, Path bufferDir, long bufferMaxBytes, Duration keepAlive, Path caFile) {
        this(broker, username, password, groupId, edgeNodeId, primaryHostId, bufferDir, bufferMaxBytes, keepAlive, caFile, DEFAULT_HOST_WAIT);
    }

    /** The broker nodes, in the order they are tried. */
    public java.util.List<String> brokers() {
        return java.util.Arrays.stream(broker.split(",")).map(String::strip).filter(b -> !b.isEmpty()).toList();
    }

    public String clientId() {
        return "lintel-" + groupId + "-" + edgeNodeId;
    }
}
