package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongFunction;

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

    /** The text with the recipient's signed acknowledgement link when the alarm waits for one. */
    static String of(Alarm a, Transition t, ZoneId zone, LongFunction<String> ackLink) {
        boolean waits = t.to() == AlarmState.ACTIVE_UNACKNOWLEDGED || t.to() == AlarmState.RETURNED_UNACKNOWLEDGED;
        return of(a, t, zone) + (ackLink != null && waits ? " · 确认/acknowledge: " + ackLink.apply(a.id()) : "");
    }

    /** Several alarms held back during a flood, as one message. */
    static String digest(List<Alarm> alarms, Instant from, Instant to, ZoneId zone) {
        StringBuilder b = new StringBuilder("【Lintel】报警汇总 Alarm digest: " + alarms.size() + " 条/alarms " + TIME.format(from.atZone(zone)) + "–"
                + TIME.format(to.atZone(zone)).substring(6));
        alarms.stream().limit(10).forEach(a -> b.append("\n#").append(a.id()).append(' ').append(a.labelZh() != null ? a.labelZh() : a.type())
                .append(" / ").append(a.labelEn() != null ? a.labelEn() : a.type()).append(" · ").append(a.device()).append(" (").append(a.priority())
                .append(')'));
        if (alarms.size() > 10) {
            b.append("\n… +").append(alarms.size() - 10);
        }
        return b.toString();
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
