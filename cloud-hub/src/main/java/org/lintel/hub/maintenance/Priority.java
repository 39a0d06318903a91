package org.lintel.hub.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How urgent a work order is. An alarm's priority decides it: life-safety (a trapped passenger, a fire) is immediate;
 * the SLA targets are set per priority.
 */
public enum Priority {
    IMMEDIATE("immediate", "紧急", "life-safety"),
    HIGH("high", "高", "critical"),
    MEDIUM("medium", "中", "major"),
    LOW("low", "低", "minor");

    private final String id;
    private final String chinese;
    private final String alarmPriority;

    Priority(String id, String chinese, String alarmPriority) {
        this.id = id;
        this.chinese = chinese;
        this.alarmPriority = alarmPriority;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String chinese() {
        return chinese;
    }

    /** The alarm priority whose escalation route an order of this priority follows. */
    public String alarmPriority() {
        return alarmPriority;
    }

    public static Priority ofAlarm(String alarmPriority) {
        return switch (alarmPriority) {
            case "life-safety" -> IMMEDIATE;
            case "critical" -> HIGH;
            case "major" -> MEDIUM;
            default -> LOW;
        };
    }

    public static Optional<Priority> of(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
