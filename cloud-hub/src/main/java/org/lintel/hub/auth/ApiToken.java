package org.lintel.hub.auth;

import java.time.Instant;

/** A machine token as listed: never its secret, which is shown once at creation. */
public record ApiToken(long id, String name, Role role, SiteScope scope, Instant createdAt, String createdBy, Instant expiresAt,
                       Instant revokedAt, Instant lastUsedAt) {

    public boolean liveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
