package org.lintel.hub.alarm;

import java.time.Duration;
import java.util.List;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;

/** The alarms the hub raises for every device whatever its profile says: communication loss and no data. */
final class BuiltInAlarms {

    static final String COMMUNICATION_LOST = "communication-lost";
    static final String NO_DATA = "no-data";
    /** A device that reports this point non-zero is in maintenance mode (a lift under inspection). */
    static final String MAINTENANCE_POINT = "maintenance.mode";

    /** A gateway's communication loss: raised the moment its NDEATH (or its will) arrives. */
    static final AlarmCondition GATEWAY_COMM_LOSS = new AlarmCondition(COMMUNICATION_LOST, Label.of("Communication lost", "通讯中断"),
            "status", AlarmCondition.Test.EQUALS, List.of("offline"), null, null, null, null, AlarmPriority.MAJOR, false, null);
    /**
     * A device's communication loss waits a few seconds: a gateway going down often reports its devices dead just
     * before it dies itself, and then only the gateway's alarm should be raised.
     */
    static final Duration DEVICE_DEATH_GRACE = Duration.ofSeconds(5);
    static final AlarmCondition DEVICE_COMM_LOSS = new AlarmCondition(COMMUNICATION_LOST, GATEWAY_COMM_LOSS.label(), "status",
            AlarmCondition.Test.EQUALS, List.of("offline"), null, null, DEVICE_DEATH_GRACE, null, AlarmPriority.MAJOR, false, null);
    static final AlarmCondition SILENT = new AlarmCondition(NO_DATA, Label.of("No data", "无数据"), "last reading",
            AlarmCondition.Test.EQUALS, List.of("silent"), null, null, null, null, AlarmPriority.MINOR, false, null);

    private BuiltInAlarms() {
    }
}
