package org.lintel.hub.alarm;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The short bilingual text of an alarm transition, for SMS and e-mail subjects: Chinese first, then English. */
final class AlarmText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private AlarmText() {
    }

    static String of(Alarm a, Transition t, ZoneId zone) {
        String zh = a.labelZh() != null ? a.labelZh() : a.type();
        String en = a.labelEn() != null ? a.labelEn() : a.type();
        return "【Lintel】" + zh + " " + en + " · " + a.device() + " @ " + a.site() + " · " + state(t) + " " + TIME.format(t.at().atZone(zone))
                + " · #" + a.id() + (t.why() == null ? "" : " · " + t.why());
    }

    private static String state(Transition t) {
        return switch (t.to()) {
            case ACTIVE_UNACKNOWLEDGED -> "报警/active";
            case ACTIVE_ACKNOWLEDGED -> "已确认/acknowledged by " + t.by();
            case RETURNED_UNACKNOWLEDGED -> "已恢复待确认/returned";
            case NORMAL -> "已复位/normal";
        };
    }
}
