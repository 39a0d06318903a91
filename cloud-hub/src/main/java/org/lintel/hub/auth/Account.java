package org.lintel.hub.auth;

import java.time.Instant;

/** A person who signs in to the console; the password hash never leaves {@link Accounts}. */
public record Account(String username, String displayName, Role role, SiteScope scope, boolean mustChangePassword,
                      Instant lockedUntil, boolean disabled, Instant createdAt, Instant passwordChangedAt) {

    public Caller caller() {
        return new Caller(username, Caller.Kind.ACCOUNT, role, scope);
    }
}
