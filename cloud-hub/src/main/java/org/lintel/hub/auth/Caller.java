package org.lintel.hub.auth;

/**
 * Who makes a request: a signed-in person or a machine token, with its role and sites. {@code name} is what alarm
 * transitions and the audit trail record.
 */
public record Caller(String name, Kind kind, Role role, SiteScope scope) {

    public enum Kind {
        ACCOUNT("account"), TOKEN("token");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public boolean mayUse(String site) {
        return scope.allows(site);
    }
}
