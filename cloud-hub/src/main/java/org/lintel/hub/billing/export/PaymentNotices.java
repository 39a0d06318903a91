package org.lintel.hub.billing.export;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.LineReading;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.i18n.Label;

/**
 * Printable 缴费通知单 (payment notices), one A4 page per unit, Chinese with English beneath: payer and room, floor
 * area, period, each line with its readings and their dates, tiers and 公摊 share, total in figures and in 大写,
 * due date, the ways to pay, the office to ask and the price hotline 12358. A run not yet issued prints "草稿 DRAFT"
 * across each page, so that a draft is never handed out as a bill.
 */
public final class PaymentNotices {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final BaseFont font;

    public PaymentNotices(Path fontFile) {
        this.font = ChineseFont.load(fontFile);
    }

    /** The notices of {@code bills} (one unit, a building's or the whole run's), in the order given. */
    public byte[] write(RunDocuments d, List<ReviewedBill> bills) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
        try {
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            if (!d.issued()) {
                writer.setPageEvent(new Draft(font));
            }
            doc.addTitle("缴费通知单 Payment notices " + d.run().from() + " – " + d.lastDay());
            doc.addCreator("Lintel");
            doc.open();
            boolean first = true;
            for (ReviewedBill b : bills) {
                if (!first) {
                    doc.newPage();
                }
                first = false;
                page(doc, d, b);
            }
            if (bills.isEmpty()) {
                doc.add(new Paragraph("没有账单 No bills", font(10, Font.NORMAL)));
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("the notices of run " + d.run().id() + " could not be laid out: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void page(Document doc, RunDocuments d, ReviewedBill rb) throws DocumentException {
        Premises p = d.premises().get(rb.bill().unit());
        Paragraph title = new Paragraph(d.siteName() + "  缴费通知单", font(16, Font.BOLD));
        title.setAlignment(Element.ALIGN_CENTER);
        doc.add(title);
        Paragraph en = new Paragraph("Payment notice", font(10, Font.NORMAL));
        en.setAlignment(Element.ALIGN_CENTER);
        en.setSpacingAfter(10);
        doc.add(en);

        PdfPTable head = new PdfPTable(new float[] {1.2f, 2f, 1.2f, 2f});
        head.setWidthPercentage(100);
        cell(head, "缴费人 Payer", true);
        cell(head, rb.bill().payer(), false);
        cell(head, "房号 Room", true);
        cell(head, p == null ? rb.bill().unit() : p.room() + " (" + p.unit() + ")", false);
        cell(head, "建筑面积 Floor area", true);
        cell(head, p == null ? "" : p.area().toPlainString() + " m²", false);
        cell(head, "账期 Period", true);
        cell(head, DAY.format(d.run().from()) + " 至 " + DAY.format(d.lastDay()), false);
        cell(head, "通知单号 Notice no.", true);
        cell(head, d.run().id() + "-" + rb.id(), false);
        cell(head, "缴费截止 Due date", true);
        cell(head, DAY.format(d.dueDate()), false);
        // what a payer writes in a transfer's remark, so that the channel's statement names the bill it pays
        cell(head, "转账备注 Remark when paying", true);
        cell(head, "B" + rb.id(), false);
        cell(head, "", false);
        cell(head, "", false);
        head.setSpacingAfter(10);
        doc.add(head);

        PdfPTable lines = new PdfPTable(new float[] {1.6f, 2.6f, 2.6f, 1f, 1f, 1.1f});
        lines.setWidthPercentage(100);
        lines.setHeaderRows(1);
        for (String h : new String[] {"收费项目\nFee", "计费依据\nBasis", "读数 (起 → 止)\nReadings", "数量\nQty", "单价\nPrice", "金额 (元)\nAmount"}) {
            cell(lines, h, true);
        }
        boolean estimated = false;
        List<LineReading> shown = List.of();
        for (BillLine l : rb.bill().lines()) {
            estimated |= l.estimated();
            cell(lines, l.feeName() + (l.estimated() ? " *" : ""), false);
            cell(lines, l.basis(), false);
            // the tiers of one stretch share their readings: printed once, on the first
            cell(lines, l.readings().equals(shown) ? "" : readings(l, d), false);
            shown = l.readings();
            number(lines, l.quantity().toPlainString() + (l.unit() == null ? "" : " " + l.unit()));
            number(lines, l.unitPrice() == null ? "" : l.unitPrice().setScale(Math.max(2, l.unitPrice().scale())).toPlainString());
            number(lines, l.amount().toPlainString());
        }
        PdfPCell arrears = new PdfPCell(new Phrase("上期欠费 Arrears carried", font(9, Font.NORMAL)));
        arrears.setColspan(5);
        lines.addCell(arrears);
        number(lines, "—");
        BigDecimal total = rb.bill().total();
        PdfPCell label = new PdfPCell(new Phrase("本期应缴 Total due    大写 " + ChineseAmount.of(total), font(10, Font.BOLD)));
        label.setColspan(5);
        lines.addCell(label);
        PdfPCell sum = new PdfPCell(new Phrase("¥ " + total.toPlainString(), font(10, Font.BOLD)));
        sum.setHorizontalAlignment(Element.ALIGN_RIGHT);
        lines.addCell(sum);
        lines.setSpacingAfter(8);
        doc.add(lines);

        if (estimated) {
            doc.add(new Paragraph("* 含估算读数，取得实际读数后于下期多退少补。 Includes an estimated reading; the difference is settled on the next bill once"
                    + " the meter is read.", font(8, Font.NORMAL)));
        }
        Paragraph pay = new Paragraph("缴费方式 How to pay", font(10, Font.BOLD));
        pay.setSpacingBefore(6);
        doc.add(pay);
        if (d.notice().channels().isEmpty()) {
            doc.add(new Paragraph("请至物业服务中心缴费。 Please pay at the property office.", font(9, Font.NORMAL)));
        }
        for (Label c : d.notice().channels()) {
            doc.add(new Paragraph("· " + both(c), font(9, Font.NORMAL)));
        }
        Paragraph contact = new Paragraph((d.notice().contact().zh() != null || d.notice().contact().en() != null ? "咨询 Enquiries: "
                + both(d.notice().contact()) + "    " : "") + "价格举报电话 Price complaints hotline: 12358", font(9, Font.NORMAL));
        contact.setSpacingBefore(6);
        doc.add(contact);
        doc.add(new Paragraph("逾期未缴将计入欠费。请核对读数，如有疑问请于截止日前联系物业。 Unpaid amounts after the due date become arrears. Please check the"
                + " readings and ask the office before the due date.", font(8, Font.NORMAL)));
    }

    /** "b1-0101-em / 起 2800 (11-01 00:00) / 止 3100 (12-01 00:00)", a method other than measured said in brackets. */
    private static String readings(BillLine l, RunDocuments d) {
        return l.readings().stream().map(r -> r.meter() + "\n起 " + value(r.previous(), r.previousMethod(), r.previousAt(), d) + "\n止 "
                + value(r.current(), r.currentMethod(), r.currentAt(), d)).collect(Collectors.joining("\n"));
    }

    private static String value(BigDecimal v, String method, java.time.Instant at, RunDocuments d) {
        String when = at == null ? "" : " (" + READ_AT.format(at.atZone(d.zone())) + ")";
        String how = "measured".equals(method) ? "" : " [" + method(method) + "]";
        return v.stripTrailingZeros().toPlainString() + when + how;
    }

    private static String method(String m) {
        return switch (m) {
            case "recorded" -> "换表记录 recorded";
            case "interpolated" -> "插值估算 interpolated";
            case "carried-forward", "carried-back" -> "沿用读数 " + m;
            case "provisional" -> "暂估 provisional";
            default -> m;
        };
    }

    private static String both(Label l) {
        if (l.zh() != null && l.en() != null) {
            return l.zh() + "  " + l.en();
        }
        return l.zh() != null ? l.zh() : l.en() == null ? "" : l.en();
    }

    private Font font(float size, int style) {
        return new Font(font, size, style);
    }

    private void cell(PdfPTable t, String text, boolean header) {
        PdfPCell c = new PdfPCell(new Phrase(text, font(header ? 9 : 9, header ? Font.BOLD : Font.NORMAL)));
        if (header) {
            c.setBackgroundColor(new Color(0xEE, 0xEE, 0xEE));
        }
        c.setPadding(4);
        t.addCell(c);
    }

    private void number(PdfPTable t, String text) {
        PdfPCell c = new PdfPCell(new Phrase(text, font(9, Font.NORMAL)));
        c.setHorizontalAlignment(Element.ALIGN_RIGHT);
        c.setPadding(4);
        t.addCell(c);
    }

    /** "草稿 DRAFT" across every page of a run not yet issued. */
    private static final class Draft extends PdfPageEventHelper {
        private final BaseFont font;

        Draft(BaseFont font) {
            this.font = font;
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte under = writer.getDirectContentUnder();
            under.saveState();
            under.setColorFill(new Color(0xDD, 0xDD, 0xDD));
            under.beginText();
            under.setFontAndSize(font, 64);
            under.showTextAligned(Element.ALIGN_CENTER, "草稿 DRAFT 未出账", PageSize.A4.getWidth() / 2, PageSize.A4.getHeight() / 2, 35);
            under.endText();
            under.restoreState();
        }
    }
}
