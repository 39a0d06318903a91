package org.lintel.hub.maintenance.kpi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The KPIs as an XLSX workbook: one sheet of figures (numbers as numbers), one of their definitions. */
public final class KpiWorkbook {

    private static final List<String[]> COLUMNS = List.of(
            new String[] {"group", "分组 Group"}, new String[] {"operatingHours", "运行小时 Operating h"}, new String[] {"downtimeHours", "停机小时 Downtime h"},
            new String[] {"failures", "故障次数 Failures"}, new String[] {"mtbfHours", "MTBF h"}, new String[] {"mttrHours", "MTTR h"},
            new String[] {"unrestored", "未恢复 Unrestored"}, new String[] {"pmDue", "到期保养 PM due"}, new String[] {"pmCompleted", "已完成 Done"},
            new String[] {"pmOnTime", "按时 On time"}, new String[] {"pmCompliance", "按时率 % Compliance"},
            new String[] {"pmCompletionRate", "完成率 % Completion"}, new String[] {"pmUndated", "无到期日 Undated"}, new String[] {"backlog", "积压 Backlog"},
            new String[] {"responseBreaches", "到场超时 Response breaches"}, new String[] {"resolutionBreaches", "修复超时 Resolution breaches"},
            new String[] {"firstTimeFixRate", "一次修复率 % First-time fix"}, new String[] {"labourHours", "工时 Labour h"},
            new String[] {"partsCost", "备件费用 Parts CNY"});

    private KpiWorkbook() {
    }

    @SuppressWarnings("unchecked")
    public static byte[] of(String site, String by, Instant from, Instant to, ZoneId zone, List<MaintenanceKpis.Figures> figures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        try {
            Workbook wb = new Workbook(out, "Lintel", "1.0");
            Worksheet ws = wb.newWorksheet("维保指标 KPIs");
            ws.value(0, 0, site + " · " + by + " · " + f.format(from.atZone(zone)) + " – " + f.format(to.atZone(zone)) + " (" + zone + ")");
            for (int c = 0; c < COLUMNS.size(); c++) {
                ws.value(1, c, COLUMNS.get(c)[1]);
                ws.style(1, c).bold().set();
                ws.width(c, c == 0 ? 16 : 13);
            }
            ws.freezePane(1, 2);
            int r = 2;
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (MaintenanceKpis.Figures fig : figures) {
                Map<String, Object> m = json.convertValue(fig, Map.class);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object v = m.get(COLUMNS.get(c)[0]);
                    if (v instanceof Number n) {
                        ws.value(r, c, new BigDecimal(n.toString()));
                    } else if (v != null) {
                        ws.value(r, c, v.toString());
                    }
                }
                r++;
            }
            Worksheet d = wb.newWorksheet("定义 Definitions");
            d.width(0, 20);
            d.width(1, 120);
            int i = 0;
            for (Map.Entry<String, String> e : MaintenanceKpis.DEFINITIONS.entrySet()) {
                d.value(i, 0, e.getKey());
                d.value(i, 1, e.getValue());
                i++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
