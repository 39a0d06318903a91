package org.lintel.edge.sparkplug;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a gateway reaches the hub.
 *
 * @param broker         {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param groupId        the Sparkplug group: the site id
 * @param edgeNodeId     the Sparkplug edge node: the gateway id
 * @param primaryHostId  publish only while this primary host's STATE says online; null to publish whenever connected
 * @param bufferDir      where the store-and-forward buffer lives
 * @param bufferMaxBytes the buffer's bound on disk
 * @param caFile         PEM file of the CA that signed the broker's certificate (ssl:// only; null = the JVM's trust)
 */
public record UplinkSettings(String broker, String username, String password, String groupId, String edgeNodeId,
                             String primaryHostId, Path bufferDir, long bufferMaxBytes, Duration keepAlive, Path caFile) {

    public String clientId() {
        return "lintel-" + groupId + "-" + edgeNodeId;
    }
}
