package org.lintel.hub.maintenance;

import java.time.Duration;

/**
 * A service level for one priority: a technician at the equipment within {@code respond} (for a trapped passenger the
 * arrival on site), the fault put right within {@code resolve}; people are warned {@code warnBefore} each deadline.
 */
public record SlaTarget(Duration respond, Duration resolve, Duration warnBefore) {
}
