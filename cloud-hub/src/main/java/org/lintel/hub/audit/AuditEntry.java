package org.lintel.hub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One recorded change. {@code request}, {@code before} and {@code after} are JSON, secrets already removed. */
public record AuditEntry(long id, Instant at, String actor, String actorKind, String site, String action, String subject,
                         JsonNode request, JsonNode before, JsonNode after) {
}
