package org.lintel.hub.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a work order stands (工单状态). A technician takes it (assigned), arrives and works (in progress, which may
 * pause on hold), signs it off (done); a supervisor verifies it (closed) or sends it back (in progress). It may be
 * cancelled before it is done; a planned visit nobody started before the next one fell due is missed.
 */
public enum WorkOrderState {
    OPEN("open", "待派单"),
    ASSIGNED("assigned", "已派单"),
    IN_PROGRESS("in-progress", "处理中"),
    ON_HOLD("on-hold", "暂停"),
    DONE("done", "待验收"),
    CLOSED("closed", "已关闭"),
    CANCELLED("cancelled", "已取消"),
    MISSED("missed", "已错过");

    private final String id;
    private final String chinese;

    WorkOrderState(String id, String chinese) {
        this.id = id;
        this.chinese = chinese;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public String chinese() {
        return chinese;
    }

    /** Still waiting for work: what counts as open for deduplication, backlog and SLAs. */
    public boolean open() {
        return this == OPEN || this == ASSIGNED || this == IN_PROGRESS || this == ON_HOLD;
    }

    /** A technician is at the equipment: the device is in maintenance mode meanwhile. */
    public boolean atWork() {
        return this == IN_PROGRESS || this == ON_HOLD;
    }

    public boolean finished() {
        return this == CLOSED || this == CANCELLED || this == MISSED;
    }

    public Set<WorkOrderState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ASSIGNED, IN_PROGRESS, CANCELLED, MISSED);
            case ASSIGNED -> EnumSet.of(OPEN, IN_PROGRESS, CANCELLED, MISSED);
            case IN_PROGRESS -> EnumSet.of(ON_HOLD, DONE);
            case ON_HOLD -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case DONE -> EnumSet.of(CLOSED, IN_PROGRESS);
            case CLOSED, CANCELLED, MISSED -> EnumSet.noneOf(WorkOrderState.class);
        };
    }

    public static Optional<WorkOrderState> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
