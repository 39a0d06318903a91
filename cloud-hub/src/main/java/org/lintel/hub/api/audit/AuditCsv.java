package org.lintel.hub.api.audit;

import java.util.List;
import org.lintel.hub.audit.AuditEntry;

/**
 * The trail as RFC 4180 CSV with a byte-order mark (so that Excel reads Chinese as UTF-8). A cell that a spreadsheet
 * would run as a formula ({@code = + - @}) is prefixed with an apostrophe.
 */
final class AuditCsv {

    private AuditCsv() {
    }

    static String of(List<AuditEntry> entries) {
        StringBuilder b = new StringBuilder("\uFEFFid,at,actor,actorKind,site,action,subject,request,before,after\r\n");
        for (AuditEntry e : entries) {
            b.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.actor())).append(',').append(e.actorKind()).append(',')
                    .append(cell(e.site())).append(',').append(cell(e.action())).append(',').append(cell(e.subject())).append(',')
                    .append(cell(e.request() == null ? null : e.request().toString())).append(',')
                    .append(cell(e.before() == null ? null : e.before().toString())).append(',')
                    .append(cell(e.after() == null ? null : e.after().toString())).append("\r\n");
        }
        return b.toString();
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
