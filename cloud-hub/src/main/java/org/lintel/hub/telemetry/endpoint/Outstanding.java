package org.lintel.hub.telemetry.endpoint;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the hub has received from gateways but not yet stored: the bound on the hub's memory under any offered load.
 * A gateway is held back (its socket no longer read) once its own share or the total reaches a limit, and read again
 * once both are down to half.
 *
 * @param perGatewayMessages about a gateway's MQTT in-flight window: Lintel's gateways keep up to 1,000 in flight
 */
record Outstanding(int perGatewayMessages, long perGatewayBytes, int totalMessages, long totalBytes, AtomicInteger messages, AtomicLong bytes) {

    static Outstanding limits(int perGatewayMessages, long perGatewayBytes, int totalMessages, long totalBytes) {
        return new Outstanding(perGatewayMessages, perGatewayBytes, totalMessages, totalBytes, new AtomicInteger(), new AtomicLong());
    }

    void take(int size) {
        messages.incrementAndGet();
        bytes.addAndGet(size);
    }

    void give(int size) {
        messages.decrementAndGet();
        bytes.addAndGet(-size);
    }

    boolean overLimit(int ownMessages, long ownBytes) {
        return ownMessages >= perGatewayMessages || ownBytes >= perGatewayBytes || messages.get() >= totalMessages || bytes.get() >= totalBytes;
    }

    boolean ownBelowResume(int ownMessages, long ownBytes) {
        return ownMessages <= perGatewayMessages / 2 && ownBytes <= perGatewayBytes / 2;
    }

    boolean totalBelowResume() {
        return messages.get() <= totalMessages / 2 && bytes.get() <= totalBytes / 2;
    }

    boolean belowResume(int ownMessages, long ownBytes) {
        return ownBelowResume(ownMessages, ownBytes) && totalBelowResume();
    }
}
