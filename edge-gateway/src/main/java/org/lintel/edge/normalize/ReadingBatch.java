package org.lintel.edge.normalize;

import java.util.List;
import org.lintel.reading.Reading;

/** The canonical readings of one request, with the device's place in the community (null until enriched). */
public record ReadingBatch(String deviceId, DeviceContext context, List<Reading> readings) {

    public ReadingBatch {
        readings = List.copyOf(readings);
    }

    public ReadingBatch with(List<Reading> kept) {
        return new ReadingBatch(deviceId, context, kept);
    }

    public ReadingBatch enriched(DeviceContext ctx) {
        return new ReadingBatch(deviceId, ctx, readings);
    }
}
