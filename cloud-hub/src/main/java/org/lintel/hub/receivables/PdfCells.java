package org.lintel.hub.receivables;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

/** The table cells receivables' printed forms share: a header or text cell, a right-aligned figure, 9 pt. */
final class PdfCells {

    private final BaseFont font;

    PdfCells(BaseFont font) {
        this.font = font;
    }

    void cell(PdfPTable t, String text, boolean header) {
        PdfPCell c = new PdfPCell(new Phrase(text, new Font(font, 9, header ? Font.BOLD : Font.NORMAL)));
        if (header) {
            c.setBackgroundColor(new java.awt.Color(0xEE, 0xEE, 0xEE));
        }
        c.setPadding(4);
        t.addCell(c);
    }

    void right(PdfPTable t, String text) {
        PdfPCell c = new PdfPCell(new Phrase(text, new Font(font, 9, Font.NORMAL)));
        c.setHorizontalAlignment(Element.ALIGN_RIGHT);
        c.setPadding(4);
        t.addCell(c);
    }
}
