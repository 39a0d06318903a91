package org.lintel.sim.device;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Something that changed a meter's register without consumption: a replacement (new meter from 0) or a preset near
 * the rollover limit for a rollover test. Billing must bridge these; the ground truth lists them.
 *
 * @param oldReading the register just before (the old meter's final reading)
 * @param newReading the register just after (the new meter's initial reading)
 */
public record MeterEvent(String type, String point, Instant at, BigDecimal oldReading, BigDecimal newReading) {
}
