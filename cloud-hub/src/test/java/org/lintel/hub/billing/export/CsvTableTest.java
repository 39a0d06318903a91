package org.lintel.hub.billing.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as Excel on a Chinese desktop opens it: a BOM, quoted where needed, no cell taken for a formula. */
class CsvTableTest {

    static final Table.Column PAYER = new Table.Column("缴费人 payer", Table.Type.TEXT);
    static final Table.Column AMOUNT = new Table.Column("金额 amount", Table.Type.MONEY);

    @Test
    void theFileStartsWithAByteOrderMarkAndKeepsChineseAndCommasIntact() {
        byte[] csv = CsvTable.write(new Table("t", List.of(PAYER, AMOUNT), List.of(Arrays.asList("张伟, 王芳", new BigDecimal("516.90")))));
        assertEquals((byte) 0xEF, csv[0]);
        assertEquals("\uFEFF缴费人 payer,金额 amount\r\n\"张伟, 王芳\",516.90\r\n", new String(csv, StandardCharsets.UTF_8));
    }

    @Test
    void aPayerNameThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        for (String hostile : new String[] {"=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"}) {
            byte[] csv = CsvTable.write(new Table("t", List.of(PAYER), List.of(List.of(hostile))));
            String body = new String(csv, StandardCharsets.UTF_8).split("\r\n")[1];
            assertEquals('\'', body.replace("\"", "").charAt(0), body);
        }
    }

    @Test
    void aNegativeAmountStaysANumberAndFlagsAndDatesReadAsPeopleWriteThem() {
        Table t = new Table("t", List.of(AMOUNT, new Table.Column("估算", Table.Type.FLAG), new Table.Column("日", Table.Type.DATE)),
                List.of(Arrays.asList(new BigDecimal("-12.50"), true, LocalDate.of(2026, 11, 30))));
        assertEquals("-12.50,是,2026-11-30", new String(CsvTable.write(t), StandardCharsets.UTF_8).split("\r\n")[1]);
    }
}
