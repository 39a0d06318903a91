package org.lintel.hub.audit;

/**
 * A change to record. {@code actorKind} is account, token, system or anonymous; {@code action} a stable name
 * ({@code alarm.acknowledge}, {@code account.create}); {@code before}/{@code after} any object Jackson can write.
 */
public record Change(String actor, String actorKind, String site, String action, String subject, Object request, Object before, Object after) {
}
