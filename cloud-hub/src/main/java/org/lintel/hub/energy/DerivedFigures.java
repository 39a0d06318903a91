package org.lintel.hub.energy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a figure the energy analyses work out about a meter goes to be judged by the meter's alarm rules (the hub
 * wires it to the alarm engine): the loss below an incomer over a day, a water meter's leak indication of a night.
 */
public interface DerivedFigures {

    /**
     * @param point  the derived point the rule judges (not a point the device reports)
     * @param detail what the alarm records as its value, for the person reading it
     */
    void figure(String site, String meter, String point, BigDecimal value, String detail, Instant at);
}
