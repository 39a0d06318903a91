package org.lintel.edge.normalize;

import java.time.Instant;
import java.util.List;
import org.lintel.profile.Point;
import org.lintel.profile.coap.CoapAddress;
import org.lintel.reading.Quality;
import org.lintel.reading.RawValue;

/**
 * What a driver hands to the normalisation route: the undecoded answer to one request (a Modbus block, a CoAP
 * payload, a set of OPC UA values), or the failure that stood in for it. One exchange per request, never per point.
 */
public sealed interface RawResult permits RawResult.ModbusBlock, RawResult.CoapPayload, RawResult.Values {

    String deviceId();

    /** When the request was sent: the readings' source time unless the device stamps its own. */
    Instant requested();

    /** When the answer (or the failure) arrived: the readings' gateway time. */
    Instant received();

    /** The answer to a Modbus read: registers or bits, or the failure's quality. */
    record ModbusBlock(String deviceId, ReadBlock block, int[] words, boolean[] bits, Quality failure,
                       Instant requested, Instant received) implements RawResult {
    }

    /** A CoAP response (or notification) for the points that share a resource. */
    record CoapPayload(String deviceId, CoapAddress address, List<Point> points, byte[] payload, Quality failure,
                       Instant requested, Instant received) implements RawResult {
    }

    /** Values already typed by the protocol (OPC UA), each with its own quality and source time. */
    record Values(String deviceId, List<PointValue> values, Instant requested, Instant received) implements RawResult {
    }

    /** One typed value: raw value or null with a failure quality; the device's own timestamp if it gave one. */
    record PointValue(Point point, RawValue raw, Quality quality, Instant sourceTime) {
    }
}
