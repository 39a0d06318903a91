package org.lintel.hub.billing.export;

import static org.lintel.hub.billing.export.Table.Type.DATE;
import static org.lintel.hub.billing.export.Table.Type.DATETIME;
import static org.lintel.hub.billing.export.Table.Type.FLAG;
import static org.lintel.hub.billing.export.Table.Type.MONEY;
import static org.lintel.hub.billing.export.Table.Type.NUMBER;
import static org.lintel.hub.billing.export.Table.Type.TEXT;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.LineReading;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.ReviewedBill;

/**
 * One row per printed line of every bill of a run, in bill and line order; the amounts of a bill's rows add up to its
 * total and all rows to the run's. A metered line's readings are the first meter's previous and the last meter's
 * current value (two meters when one was replaced inside the period: "old → new" in the meter column).
 */
public final class BillLineTable {

    public static final List<Table.Column> COLUMNS = List.of(
            col("账单号 bill id", TEXT), col("账单批次 run", TEXT), col("房号 unit", TEXT), col("楼栋 building", TEXT), col("房间 room", TEXT),
            col("缴费人 payer", TEXT), col("账期起 period start", DATE), col("账期止 period end", DATE), col("收费项目 fee item", TEXT),
            col("项目名称 fee name", TEXT), col("类别 kind", TEXT), col("计费依据 basis", TEXT), col("数量 quantity", NUMBER), col("单位 unit", TEXT),
            col("单价 unit price", NUMBER), col("金额 amount", MONEY), col("估算 estimated", FLAG), col("表计 meter", TEXT),
            col("上次读数 previous reading", NUMBER), col("上次抄表 previous read at", DATETIME), col("上次读数来源 previous obtained", TEXT),
            col("本次读数 current reading", NUMBER), col("本次抄表 current read at", DATETIME), col("本次读数来源 current obtained", TEXT));

    private BillLineTable() {
    }

    static Table.Column col(String header, Table.Type type) {
        return new Table.Column(header, type);
    }

    public static Table of(RunDocuments d) {
        List<List<Object>> rows = new ArrayList<>();
        for (ReviewedBill rb : d.bills()) {
            Premises p = d.premises().get(rb.bill().unit());
            for (BillLine l : rb.bill().lines()) {
                List<LineReading> rs = l.readings();
                LineReading first = rs.isEmpty() ? null : rs.get(0);
                LineReading last = rs.isEmpty() ? null : rs.get(rs.size() - 1);
                rows.add(Arrays.asList(String.valueOf(rb.id()), String.valueOf(d.run().id()), rb.bill().unit(), p == null ? null : p.building(),
                        p == null ? null : p.room(), rb.bill().payer(), d.run().from(), d.lastDay(), l.feeItem(), l.feeName(), l.kind().id(), l.basis(),
                        l.quantity(), l.unit(), l.unitPrice(), l.amount(), l.estimated(),
                        rs.isEmpty() ? null : rs.stream().map(LineReading::meter).distinct().collect(Collectors.joining(" → ")),
                        first == null ? null : plain(first.previous()), first == null ? null : local(first.previousAt(), d.zone()), first == null ? null : first.previousMethod(),
                        last == null ? null : plain(last.current()), last == null ? null : local(last.currentAt(), d.zone()), last == null ? null : last.currentMethod()));
            }
        }
        return new Table("账单明细 bill lines", COLUMNS, rows);
    }

    /** A counter value as read: 1000.000 kWh is written 1000. */
    static java.math.BigDecimal plain(java.math.BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
    }

    static LocalDateTime local(Instant at, ZoneId zone) {
        return at == null ? null : LocalDateTime.ofInstant(at, zone);
    }
}
