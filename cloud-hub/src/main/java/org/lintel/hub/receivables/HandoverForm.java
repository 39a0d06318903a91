package org.lintel.hub.receivables;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import org.lintel.hub.billing.MoveOut;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.billing.export.ChineseFont;

/**
 * The meter handover form (水电表交接单) of a move-out, one A4 page for both occupants and the clerk to sign: each
 * meter's counter at the instant (and whether it was measured or estimated), the final bill's lines and total, and
 * the unit's balance after it: what the leaving occupant still owes, or has prepaid to be refunded.
 */
public final class HandoverForm {

    private final BaseFont font;
    private final PdfCells cells;

    public HandoverForm(Path fontFile) {
        this.font = ChineseFont.load(fontFile);
        this.cells = new PdfCells(font);
    }

    public byte[] write(String siteName, String room, ZoneId zone, MoveOut m, ReviewedBill bill, Statement after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("水电表交接单 Meter handover " + m.site() + " " + m.unit());
            doc.addCreator("Lintel");
            doc.open();
            Paragraph title = new Paragraph(siteName + "  水电表交接单 Meter handover", new Font(font, 15, Font.BOLD));
            title.setAlignment(Element.ALIGN_CENTER);
            doc.add(title);
            PdfPTable head = new PdfPTable(new float[] {1.3f, 2.4f, 1.3f, 2.4f});
            head.setWidthPercentage(100);
            head.setSpacingBefore(10);
            cells.cell(head, "房号 Unit", true);
            cells.cell(head, room, false);
            cells.cell(head, "交接时间 At", true);
            cells.cell(head, ReceiptPdf.WHEN.format(m.at().atZone(zone)), false);
            cells.cell(head, "迁出 Leaving", true);
            cells.cell(head, m.leavingPayer(), false);
            cells.cell(head, "迁入 Arriving", true);
            cells.cell(head, m.arrivingPayer(), false);
            doc.add(head);

            doc.add(heading("表计读数 Meter readings"));
            PdfPTable meters = new PdfPTable(new float[] {1.6f, 2f, 1.6f, 2f});
            meters.setWidthPercentage(100);
            cells.cell(meters, "项目 Fee", true);
            cells.cell(meters, "表计 Meter", true);
            cells.cell(meters, "读数 Reading", true);
            cells.cell(meters, "取得方式 How obtained", true);
            for (MoveOut.HandoverReading r : m.readings()) {
                cells.cell(meters, r.feeName(), false);
                cells.cell(meters, r.device(), false);
                cells.right(meters, r.value().toPlainString() + (r.unit() == null ? "" : " " + r.unit()));
                cells.cell(meters, method(r.method()), false);
            }
            doc.add(meters);

            doc.add(heading("结算账单 Final bill " + bill.bill().from() + " – " + m.at().atZone(zone).toLocalDate()));
            PdfPTable lines = new PdfPTable(new float[] {1.6f, 3.2f, 1.2f, 1.2f});
            lines.setWidthPercentage(100);
            cells.cell(lines, "项目 Fee", true);
            cells.cell(lines, "计费依据 Basis", true);
            cells.cell(lines, "数量 Quantity", true);
            cells.cell(lines, "金额 Amount", true);
            bill.bill().lines().forEach(l -> {
                cells.cell(lines, l.feeName(), false);
                cells.cell(lines, l.basis() + (l.estimated() ? " (估 estimated)" : ""), false);
                cells.right(lines, l.quantity().toPlainString() + (l.unit() == null ? "" : " " + l.unit()));
                cells.right(lines, l.amount().toPlainString());
            });
            PdfPCell total = new PdfPCell(new Phrase("合计 Total  ¥" + bill.bill().total().toPlainString(), new Font(font, 10, Font.BOLD)));
            total.setColspan(4);
            total.setPadding(5);
            lines.addCell(total);
            doc.add(lines);

            BigDecimal balance = after.balance();
            String settle = balance.signum() > 0 ? "尚欠 Still owed: ¥" + balance.toPlainString()
                    : balance.signum() < 0 ? "预存余额待退 Prepaid to refund: ¥" + balance.negate().toPlainString() : "已结清 Settled: ¥0.00";
            doc.add(new Paragraph(settle + (after.lateFeesDue().signum() > 0 ? "   违约金 Late fees: ¥" + after.lateFeesDue().toPlainString() : ""),
                    new Font(font, 11, Font.BOLD)));
            Paragraph sign = new Paragraph("\n迁出人签字 Leaving: ____________      迁入人签字 Arriving: ____________      经办人 Clerk: " + m.recordedBy(),
                    new Font(font, 10, Font.NORMAL));
            sign.setSpacingBefore(24);
            doc.add(sign);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the handover form of move-out " + m.id() + " could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** How a reading was obtained, in words both occupants can check. */
    static String method(String method) {
        return switch (method) {
            case "measured" -> "实测 measured";
            case "recorded" -> "抄录 recorded";
            case "interpolated" -> "插值估算 interpolated";
            case "carried-forward", "carried-back" -> "沿用估算 carried (" + method + ")";
            case "provisional" -> "暂估 provisional";
            default -> method;
        };
    }

    private Paragraph heading(String text) {
        Paragraph p = new Paragraph(text, new Font(font, 11, Font.BOLD));
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        return p;
    }
}
