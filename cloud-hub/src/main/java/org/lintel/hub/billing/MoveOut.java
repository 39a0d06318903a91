package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A move-out as settled: the leaving occupant's final bill (in run {@code runId}), the meters' readings at the
 * instant that bill ends and the arriving occupant's account starts from, and who recorded it.
 */
public record MoveOut(long id, String site, String unit, Instant at, String leavingPayer, String arrivingPayer, long runId,
                      List<HandoverReading> readings, String recordedBy, Instant recordedAt) {

    public MoveOut {
        readings = List.copyOf(readings);
    }

    /** One meter's counter at the handover: {@code method} measured, recorded, interpolated or carried (estimates say so). */
    public record HandoverReading(String feeItem, String feeName, String device, String unit, BigDecimal value, String method) {
    }
}
