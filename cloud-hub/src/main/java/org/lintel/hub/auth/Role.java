package org.lintel.hub.auth;

import java.util.Arrays;
import java.util.Optional;

/** What an API token may do. Every endpoint names the roles it admits; admin is admitted everywhere. */
public enum Role {
    ADMIN("admin"), ENGINEER("engineer"), OPERATOR("operator"), BILLING("billing"), READ_ONLY("read-only");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
