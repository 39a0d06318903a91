package org.lintel.reading;

import java.time.Instant;
import java.util.Objects;

/**
 * The canonical reading that edge and hub exchange: one value of one point of one device, in canonical units, with
 * its quality and two timestamps. Instants are UTC.
 *
 * @param deviceId    the device id from the site file
 * @param point       the canonical point name, e.g. {@code energy.import.total}
 * @param value       the value; null only when the quality is bad and no value was obtained
 * @param unit        the canonical unit id (e.g. {@code kWh}), or null for states, flags and text
 * @param sourceTime  when the device measured the value (its own timestamp where it gives one, else the poll time)
 * @param gatewayTime when the gateway obtained it
 */
public record Reading(
        String deviceId,
        String point,
        Value value,
        String unit,
        Quality quality,
        Instant sourceTime,
        Instant gatewayTime) {

    public Reading {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(sourceTime, "sourceTime");
        Objects.requireNonNull(gatewayTime, "gatewayTime");
        if (value == null && quality.isGood()) {
            throw new IllegalArgumentException("a good reading of " + deviceId + "/" + point + " needs a value");
        }
    }

    /** A bad-quality reading without a value, e.g. for a device that timed out. */
    public static Reading failed(String deviceId, String point, String unit, Quality quality, Instant at) {
        return new Reading(deviceId, point, null, unit, quality, at, at);
    }
}
