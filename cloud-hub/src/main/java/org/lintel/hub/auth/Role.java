package org.lintel.hub.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person or a machine token may do, named after the people who use the hub. Every endpoint names the roles it
 * admits; admin is admitted everywhere.
 */
public enum Role {
    ADMIN("admin", "管理员"),
    ENGINEER("engineer", "设施工程师"),
    OPERATOR("operator", "值班员"),
    BILLING("billing", "收费员"),
    TECHNICIAN("technician", "维修工"),
    /** Dispatches and verifies technicians' work orders. */
    SUPERVISOR("supervisor", "维修主管"),
    MANAGER("manager", "物业经理"),
    READ_ONLY("read-only", "只读");

    private final String id;
    private final String chinese;

    Role(String id, String chinese) {
        this.id = id;
        this.chinese = chinese;
    }

    public String id() {
        return id;
    }

    public String chinese() {
        return chinese;
    }

    public static Optional<Role> of(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(Role::id).toList());
    }
}
