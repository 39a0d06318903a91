package org.lintel.hub.telemetry;

import java.time.Instant;
import java.util.List;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.GatewayKey;
import org.lintel.hub.telemetry.timeseries.StoredPoint;

/** What ingest tells the rest of the hub, through the {@link org.lintel.hub.core.EventBus}. */
public sealed interface TelemetryEvent {

    /** A device's points, durably stored; per device in the order they were received. */
    record ReadingsStored(DeviceKey device, List<StoredPoint> points) implements TelemetryEvent {
    }

    /**
     * Readings stored outside a gateway's session (a manual import), as the earliest instant per device: they may be
     * older than readings stored before them, so what is worked out from a device's history is worked out again from
     * there. Not a {@link ReadingsStored}: alarms judge readings as they arrive, not an import of the past.
     */
    record ReadingsImported(String site, java.util.Map<String, Instant> earliest) implements TelemetryEvent {
        public ReadingsImported {
            earliest = java.util.Map.copyOf(earliest);
        }
    }

    /**
     * A live (not replayed) message in which the device answered its gateway was received at {@code receivedAt}, on
     * the hub's clock: what liveness is judged by, never the readings' source times.
     */
    record DeviceReported(DeviceKey device, Instant receivedAt) implements TelemetryEvent {
    }

    /** A gateway's Sparkplug session began (birth) or ended (death, or its connection was lost). */
    record GatewayStatusChanged(GatewayKey gateway, boolean online) implements TelemetryEvent {
    }

    /** A device's session began or ended; {@code gateway} is the edge node it belongs to. */
    record DeviceStatusChanged(GatewayKey gateway, DeviceKey device, boolean online) implements TelemetryEvent {
    }
}
