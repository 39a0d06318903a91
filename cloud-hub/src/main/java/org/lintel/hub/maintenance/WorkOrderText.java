package org.lintel.hub.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** What people read about a work order in an SMS or e-mail: Chinese first, then English, times in the site's zone. */
final class WorkOrderText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private WorkOrderText() {
    }

    static String opened(WorkOrder o, ZoneId zone) {
        String by = o.respondBy() == null ? "" : "，请于 " + TIME.format(o.respondBy().atZone(zone)) + " 前到场";
        String byEn = o.respondBy() == null ? "" : ", be there by " + TIME.format(o.respondBy().atZone(zone));
        return "【工单 " + o.id() + " " + o.priority().chinese() + "】" + o.titleZh() + place(o) + by + "。\n"
                + "Work order " + o.id() + " (" + o.priority().id() + "): " + o.titleEn() + place(o) + byEn + ".";
    }

    static String sla(WorkOrder o, int stage, Instant now, ZoneId zone) {
        Instant deadline = stage <= 2 ? o.respondBy() : o.resolveBy();
        String what = stage <= 2 ? "到场" : "修复";
        String whatEn = stage <= 2 ? "arrival" : "resolution";
        boolean breached = stage == 2 || stage == 4;
        long minutes = Math.abs(Duration.between(now, deadline).toMinutes());
        String at = TIME.format(deadline.atZone(zone));
        return "【工单 " + o.id() + (breached ? " 已超时" : " 即将超时") + "】" + o.titleZh() + place(o) + "：" + what + "时限 " + at
                + (breached ? "，已超 " + minutes + " 分钟" : "，还剩 " + minutes + " 分钟") + "。\n"
                + "Work order " + o.id() + " " + (breached ? "missed its " : "is close to its ") + whatEn + " deadline (" + at + ")"
                + (breached ? ", " + minutes + " min late" : ", " + minutes + " min left") + ": " + o.titleEn() + place(o) + ".";
    }

    private static String place(WorkOrder o) {
        return o.equipment() != null ? " @ " + o.equipment() : o.location() != null ? " @ " + o.location() : "";
    }
}
