package org.lintel.edge.normalize;

import java.util.ArrayList;
import java.util.List;
import org.lintel.profile.Point;
import org.lintel.profile.coap.PayloadDecoder;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.reading.PointValues;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.reading.RawValue;
import org.lintel.reading.Reading;

/**
 * Decodes a raw result by its profile into canonical readings: slices the registers of each point, decodes bytes or
 * payload fields, applies scale, offset and unit conversion, maps states and checks ranges (all in
 * {@link PointValues}), and stamps quality and times. A failure yields a bad reading per point with the reason.
 */
final class Decoder {

    ReadingBatch decode(RawResult r) {
        List<Reading> out = new ArrayList<>();
        if (r instanceof RawResult.ModbusBlock b) {
            modbus(b, out);
        } else if (r instanceof RawResult.CoapPayload c) {
            coap(c, out);
        } else {
            for (RawResult.PointValue v : ((RawResult.Values) r).values()) {
                out.add(reading(r, v.point(), v.raw(), v.quality(), v.sourceTime() != null ? v.sourceTime() : r.requested()));
            }
        }
        return new ReadingBatch(r.deviceId(), null, out);
    }

    private void modbus(RawResult.ModbusBlock b, List<Reading> out) {
        ReadBlock block = b.block();
        for (Point p : block.points()) {
            if (b.failure() != null) {
                out.add(reading(b, p, null, b.failure(), b.requested()));
                continue;
            }
            RawValue raw;
            if (block.table().isBits()) {
                int i = ((org.lintel.profile.modbus.ModbusAddress) p.address()).address() - block.start();
                raw = new RawValue.Bool(b.bits()[i]);
            } else {
                raw = RegisterCodec.decode(p, block.slice(p, b.words()));
            }
            out.add(reading(b, p, raw, null, b.requested()));
        }
    }

    private void coap(RawResult.CoapPayload c, List<Reading> out) {
        for (Point p : c.points()) {
            if (c.failure() != null) {
                out.add(reading(c, p, null, c.failure(), c.requested()));
                continue;
            }
            try {
                out.add(reading(c, p, PayloadDecoder.decode((org.lintel.profile.coap.CoapAddress) p.address(), c.payload()), null, c.requested()));
            } catch (PayloadDecoder.PayloadException e) {
                out.add(reading(c, p, null, Quality.bad(QualityReason.DECODE_ERROR, e.getMessage()), c.requested()));
            }
        }
    }

    private static Reading reading(RawResult r, Point p, RawValue raw, Quality failure, java.time.Instant source) {
        String unit = p.canonicalUnit().map(u -> u.id()).orElse(null);
        if (raw == null) {
            return new Reading(r.deviceId(), p.name(), null, unit, failure, source, r.received());
        }
        PointValues.Mapped m = PointValues.map(p, raw);
        Quality q = failure != null ? failure : m.quality();
        return new Reading(r.deviceId(), p.name(), m.value(), unit, q, source, r.received());
    }
}
