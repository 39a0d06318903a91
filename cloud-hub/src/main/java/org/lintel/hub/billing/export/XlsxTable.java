package org.lintel.hub.billing.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A table as an XLSX workbook of one sheet, written by fastexcel: numbers as numbers (money with the format 0.00, so
 * that a SUM in Excel gives the run's total), dates as dates, the header row bold and frozen.
 */
public final class XlsxTable {

    private XlsxTable() {
    }

    public static byte[] write(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Lintel", "1.0");
            Worksheet ws = wb.newWorksheet(table.name());
            List<Table.Column> cols = table.columns();
            for (int c = 0; c < cols.size(); c++) {
                ws.value(0, c, cols.get(c).header());
                ws.style(0, c).bold().set();
                ws.width(c, width(cols.get(c)));
            }
            ws.freezePane(0, 1);
            int r = 1;
            for (List<Object> row : table.rows()) {
                for (int c = 0; c < cols.size(); c++) {
                    put(ws, r, c, cols.get(c).type(), row.get(c));
                }
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(Worksheet ws, int r, int c, Table.Type type, Object v) {
        if (v == null) {
            return;
        }
        switch (type) {
            case TEXT -> ws.value(r, c, v.toString());
            case FLAG -> ws.value(r, c, Boolean.TRUE.equals(v) ? "是" : "否");
            case NUMBER -> ws.value(r, c, (BigDecimal) v);
            case MONEY -> formatted(ws, r, c, () -> ws.value(r, c, (BigDecimal) v), "0.00");
            case RATE -> formatted(ws, r, c, () -> ws.value(r, c, (BigDecimal) v), "0%");
            case DATE -> formatted(ws, r, c, () -> ws.value(r, c, (LocalDate) v), "yyyy-mm-dd");
            case DATETIME -> formatted(ws, r, c, () -> ws.value(r, c, (LocalDateTime) v), "yyyy-mm-dd hh:mm");
        }
    }

    private static void formatted(Worksheet ws, int r, int c, Runnable value, String format) {
        value.run();
        ws.style(r, c).format(format).set();
    }

    private static double width(Table.Column c) {
        return switch (c.type()) {
            case DATETIME -> 17;
            case DATE -> 12;
            case FLAG, RATE -> 8;
            case MONEY, NUMBER -> 12;
            case TEXT -> Math.max(12, Math.min(40, c.header().length() * 1.6));
        };
    }
}
