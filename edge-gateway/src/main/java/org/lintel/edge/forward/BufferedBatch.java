package org.lintel.edge.forward;

import java.util.List;
import org.lintel.reading.Reading;

/**
 * One record of the store-and-forward buffer: the readings of one request of one device, its sequence number in the
 * buffer, and whether it was written while the uplink was down (it is then published flagged historical).
 */
public record BufferedBatch(long sequence, String deviceId, boolean historical, List<Reading> readings, boolean[] precious) {

    public BufferedBatch {
        readings = List.copyOf(readings);
    }

    /** This batch without its gauge readings (what the drop policy keeps when space runs out). */
    BufferedBatch preciousOnly() {
        List<Reading> kept = new java.util.ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            if (precious[i]) {
                kept.add(readings.get(i));
            }
        }
        boolean[] all = new boolean[kept.size()];
        java.util.Arrays.fill(all, true);
        return new BufferedBatch(sequence, deviceId, historical, kept, all);
    }
}
