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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.lintel.hub.billing.export.ChineseAmount;
import org.lintel.hub.billing.export.ChineseFont;

/**
 * A printable receipt (收据) for one payment, half an A4 page: the site's receipt number, when and how the money came,
 * the unit and payer, the amount in figures and in 大写, what it paid (period and fee item) and what it left prepaid.
 */
public final class ReceiptPdf {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** How a fee item of a bill is printed: its period and fee name. */
    public record PaidFor(String period, String feeName) {
    }

    private final BaseFont font;
    private final PdfCells cells;

    public ReceiptPdf(Path fontFile) {
        this.font = ChineseFont.load(fontFile);
        this.cells = new PdfCells(font);
    }

    /** @param paidFor each allocation's bill and fee item as printed, by "billId/feeItem" */
    public byte[] write(String siteName, String room, ZoneId zone, Payment p, Map<String, PaidFor> paidFor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A5.rotate(), 30, 30, 24, 24);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle("收据 Receipt " + p.receiptNo());
            doc.addCreator("Lintel");
            doc.open();
            Paragraph title = new Paragraph(siteName + "  收据 Receipt", new Font(font, 15, Font.BOLD));
            title.setAlignment(Element.ALIGN_CENTER);
            doc.add(title);
            Paragraph no = new Paragraph("No. " + p.receiptNo(), new Font(font, 10, Font.BOLD));
            no.setAlignment(Element.ALIGN_RIGHT);
            doc.add(no);
            PdfPTable head = new PdfPTable(new float[] {1.2f, 2.4f, 1.2f, 2.4f});
            head.setWidthPercentage(100);
            head.setSpacingBefore(6);
            cells.cell(head, "房号 Unit", true);
            cells.cell(head, room, false);
            cells.cell(head, "交款人 Payer", true);
            cells.cell(head, p.payer(), false);
            cells.cell(head, "收款时间 Received", true);
            cells.cell(head, WHEN.format(p.receivedAt().atZone(zone)), false);
            cells.cell(head, "方式 Method", true);
            cells.cell(head, p.method().zh() + " " + p.method().en() + (p.reference() == null ? "" : "\n" + p.reference()), false);
            doc.add(head);
            PdfPTable lines = new PdfPTable(new float[] {2.2f, 2.2f, 1.4f});
            lines.setWidthPercentage(100);
            lines.setSpacingBefore(8);
            cells.cell(lines, "账期 Period", true);
            cells.cell(lines, "收费项目 Fee", true);
            cells.cell(lines, "金额 Amount (CNY)", true);
            List<Allocation> paid = p.allocations().stream().filter(a -> a.why().equals("payment")).toList();
            for (Allocation a : paid) {
                PaidFor f = paidFor.getOrDefault(a.billId() + "/" + a.feeItem(), new PaidFor("#" + a.billId(), a.feeItem()));
                cells.cell(lines, f.period(), false);
                cells.cell(lines, f.feeName(), false);
                cells.right(lines, a.amount().toPlainString());
            }
            BigDecimal prepaid = p.prepaidAtReceipt();
            if (prepaid.signum() > 0) {
                cells.cell(lines, "—", false);
                cells.cell(lines, "预存 Prepaid balance", false);
                cells.right(lines, prepaid.toPlainString());
            }
            PdfPCell total = new PdfPCell(new Phrase("合计 Total  人民币（大写）" + ChineseAmount.of(p.amount()) + "    ¥" + p.amount().toPlainString(),
                    new Font(font, 10, Font.BOLD)));
            total.setColspan(3);
            total.setPadding(5);
            lines.addCell(total);
            doc.add(lines);
            doc.add(new Paragraph("收款人 Recorded by: " + p.recordedBy() + "      本收据不作发票 This receipt is not a tax invoice.",
                    new Font(font, 8, Font.NORMAL)));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("receipt " + p.receiptNo() + " could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
