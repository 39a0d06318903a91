package org.lintel.hub.api.energy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.lintel.hub.billing.export.Table;
import org.lintel.hub.energy.Losses;
import org.lintel.hub.energy.rollup.NightFlow;

/** The losses and the night-flow list as tables for a spreadsheet, with the same columns the console shows. */
final class EnergyTables {

    private EnergyTables() {
    }

    static Table losses(List<Losses.Loss> all, String from, String to) {
        List<Table.Column> cols = List.of(new Table.Column("总表 upstream meter", Table.Type.TEXT), new Table.Column("单位 unit", Table.Type.TEXT),
                new Table.Column("总表用量 upstream use", Table.Type.NUMBER), new Table.Column("分表用量之和 sub-meters' use", Table.Type.NUMBER),
                new Table.Column("损耗 loss", Table.Type.NUMBER), new Table.Column("损耗率 loss (%)", Table.Type.NUMBER),
                new Table.Column("含估算 estimated", Table.Type.FLAG), new Table.Column("分表 sub-meters", Table.Type.TEXT),
                new Table.Column("缺读数 unread", Table.Type.TEXT));
        List<List<Object>> rows = new ArrayList<>();
        for (Losses.Loss l : all) {
            rows.add(Arrays.asList(l.meter(), l.unit(), l.upstream(), l.subMeters(), l.loss(), l.percent(), l.estimated(), String.join(", ", l.subMeterIds()),
                    l.unread().stream().map(u -> u.meter() + ": " + u.reason()).collect(Collectors.joining("; "))));
        }
        return new Table("losses " + from + " " + to, cols, rows);
    }

    static Table nightFlow(NightFlow.Night n) {
        List<Table.Column> cols = List.of(new Table.Column("水表 water meter", Table.Type.TEXT), new Table.Column("用户/区域 serves", Table.Type.TEXT),
                new Table.Column("楼栋 building", Table.Type.TEXT), new Table.Column("夜间最小小时流量 minimum night flow (L/h)", Table.Type.NUMBER),
                new Table.Column("夜间用水 night volume (L)", Table.Type.NUMBER), new Table.Column("有流量的夜间小时 night hours with flow", Table.Type.NUMBER),
                new Table.Column("夜间小时 night hours", Table.Type.NUMBER), new Table.Column("24 小时内零流量小时 zero-flow hours in 24 h", Table.Type.NUMBER),
                new Table.Column("疑似漏水 suspected leak", Table.Type.FLAG), new Table.Column("含估算 estimated", Table.Type.FLAG));
        List<List<Object>> rows = new ArrayList<>();
        for (NightFlow.Meter m : n.meters()) {
            rows.add(Arrays.asList(m.meter(), m.serves(), m.building(), m.minimumLitresPerHour(), m.nightLitres(), BigDecimal.valueOf(m.flowingNightHours()),
                    BigDecimal.valueOf(m.nightHours()), BigDecimal.valueOf(m.zeroHoursIn24h()), m.suspected(), m.estimated()));
        }
        return new Table("night flow " + n.night(), cols, rows);
    }
}
