package org.lintel.hub.audit;

import java.time.Instant;

/** Which entries to read: each part optional (null), newest first, at most {@code limit}. */
public record AuditQuery(String site, String actor, String action, Instant from, Instant to, int limit) {
}
