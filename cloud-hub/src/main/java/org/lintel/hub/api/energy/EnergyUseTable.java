package org.lintel.hub.api.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lintel.hub.billing.export.Table;
import org.lintel.hub.energy.rollup.EnergyUse;

/**
 * An answer of the use API as a table for a spreadsheet: one row per series, one column per interval (hour, day or
 * month), then the total; decimals as numbers, so that a SUM in the sheet gives the total.
 */
final class EnergyUseTable {

    private EnergyUseTable() {
    }

    static Table of(EnergyUse.Answer a) {
        TreeSet<String> starts = new TreeSet<>();
        a.series().forEach(s -> s.buckets().forEach(b -> starts.add(b.start())));
        String unit = a.unit() == null ? "" : " (" + a.unit() + ")";
        List<Table.Column> cols = new ArrayList<>(List.of(new Table.Column("对象 " + a.by(), Table.Type.TEXT), new Table.Column("楼栋 building", Table.Type.TEXT),
                new Table.Column("楼层 floor", Table.Type.NUMBER), new Table.Column("表数 meters", Table.Type.NUMBER)));
        boolean virtuals = a.series().stream().anyMatch(s -> s.virtual() != null);
        if (virtuals) {
            cols.add(new Table.Column("虚拟表构成 virtual meter", Table.Type.TEXT));
        }
        starts.forEach(s -> cols.add(new Table.Column(s + unit, Table.Type.NUMBER)));
        cols.add(new Table.Column("合计 total" + unit, Table.Type.NUMBER));
        cols.add(new Table.Column("含估算 estimated", Table.Type.FLAG));
        cols.add(new Table.Column("面积 area (m²)", Table.Type.NUMBER));
        cols.add(new Table.Column("每平方米 per m²", Table.Type.NUMBER));
        List<List<Object>> rows = new ArrayList<>();
        for (EnergyUse.Series s : a.series()) {
            Map<String, Object> byStart = new LinkedHashMap<>();
            s.buckets().forEach(b -> byStart.put(b.start(), b.usage()));
            List<Object> row = new ArrayList<>();
            row.add(s.key());
            row.add(s.building());
            row.add(s.floor() == null ? null : java.math.BigDecimal.valueOf(s.floor()));
            row.add(java.math.BigDecimal.valueOf(s.meters()));
            if (virtuals) {
                row.add(s.virtual() == null ? null : String.join(" + ", s.virtual().plus())
                        + s.virtual().minus().stream().map(m -> " − " + m).collect(java.util.stream.Collectors.joining()));
            }
            starts.forEach(st -> row.add(byStart.get(st)));
            row.add(s.total());
            row.add(s.estimated());
            row.add(s.area());
            row.add(s.perSquareMetre());
            rows.add(row);
        }
        return new Table(a.medium() + " " + a.by(), cols, rows);
    }
}
