package org.lintel.hub.billing.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table as CSV (RFC 4180, CRLF) in UTF-8 with a byte order mark, so that Excel on a Chinese Windows opens the
 * Chinese text as Chinese. A text cell that a spreadsheet would take for a formula (starting with = + - @ or a
 * control character: a payer's name is typed by people) is written with a leading apostrophe.
 */
public final class CsvTable {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private CsvTable() {
    }

    public static byte[] write(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            // the mark goes before the header, which the printer writes as it is made
            w.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(table.headers().toArray(String[]::new)).get());
            for (List<Object> row : table.rows()) {
                List<String> cells = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    cells.add(cell(table.columns().get(i).type(), row.get(i)));
                }
                csv.printRecord(cells);
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String cell(Table.Type type, Object v) {
        if (v == null) {
            return "";
        }
        return switch (type) {
            case FLAG -> Boolean.TRUE.equals(v) ? "是" : "否";
            case NUMBER, MONEY, RATE -> ((BigDecimal) v).toPlainString();
            case DATETIME -> ((LocalDateTime) v).format(LOCAL);
            case DATE -> v.toString();
            case TEXT -> safe(v.toString());
        };
    }

    /** OWASP's advice on CSV injection: neutralise a leading formula character of a text cell. */
    static String safe(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
