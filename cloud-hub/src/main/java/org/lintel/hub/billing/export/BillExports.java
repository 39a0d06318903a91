package org.lintel.hub.billing.export;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.ReviewedBill;

/** A run's exports: its lines and invoice lines as CSV or XLSX, and its payment notices as PDF. */
public final class BillExports {

    /** A file format of a table export. */
    public enum Format { CSV, XLSX }

    /** A written export: its bytes, media type and the file name a browser saves it under. */
    public record File(String fileName, String contentType, byte[] body) {
    }

    private final BillRuns runs;
    private final Billing billing;
    private final Function<String, String> siteNames;

    public BillExports(BillRuns runs, Billing billing, Function<String, String> siteNames) {
        this.runs = runs;
        this.billing = billing;
        this.siteNames = siteNames;
    }

    public RunDocuments documents(BillRun run, ZoneId zone) {
        Map<String, Premises> premises = new HashMap<>();
        billing.premises(run.site()).forEach(p -> premises.put(p.unit(), p));
        return new RunDocuments(run, siteNames.apply(run.site()), zone, runs.bills(run.id()), premises, billing.notice(run.site()));
    }

    public File lines(BillRun run, ZoneId zone, Format format) {
        return table(BillLineTable.of(documents(run, zone)), name(run, "账单明细-lines"), format);
    }

    public File invoiceLines(BillRun run, ZoneId zone, Format format) {
        return table(InvoiceLineTable.of(documents(run, zone)), name(run, "数电发票明细-invoice-lines"), format);
    }

    /** The notices of one unit, of one building's units, or of every unit when both are null. */
    public File notices(BillRun run, ZoneId zone, String unit, String building) {
        Path font = ChineseFont.file().orElseThrow(() -> new BillingException(BillingException.Kind.UNAVAILABLE, null, "no Chinese font to print"
                + " notices with: install Debian's fonts-wqy-microhei (apt-get install fonts-wqy-microhei) or set LINTEL_CJK_FONT to a TrueType file", null));
        RunDocuments d = documents(run, zone);
        List<ReviewedBill> chosen = d.bills().stream().filter(b -> unit == null || b.bill().unit().equals(unit))
                .filter(b -> building == null || (d.premises().get(b.bill().unit()) != null && building.equals(d.premises().get(b.bill().unit()).building())))
                .toList();
        if (chosen.isEmpty()) {
            throw new BillingException(BillingException.Kind.NOT_FOUND, unit != null ? "unit" : "building", "run " + run.id() + " has no bill for "
                    + (unit != null ? "unit '" + unit + "'" : building != null ? "building '" + building + "'" : "any unit"), null);
        }
        String which = unit != null ? unit : building != null ? building : "all";
        PaymentNotices notices;
        try {
            notices = new PaymentNotices(font);
        } catch (IllegalStateException e) {
            // LINTEL_CJK_FONT naming a file that is not a TrueType font: say which, rather than a bare 500
            throw new BillingException(BillingException.Kind.UNAVAILABLE, null, e.getMessage() + "; set LINTEL_CJK_FONT to a TrueType (.ttf or .ttc)"
                    + " Chinese font such as /usr/share/fonts/truetype/wqy/wqy-microhei.ttc", null);
        }
        return new File(name(run, "缴费通知单-notices-" + which) + ".pdf", "application/pdf", notices.write(d, chosen));
    }

    private static File table(Table t, String name, Format format) {
        return switch (format) {
            case CSV -> new File(name + ".csv", "text/csv; charset=utf-8", CsvTable.write(t));
            case XLSX -> new File(name + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", XlsxTable.write(t));
        };
    }

    private static String name(BillRun run, String what) {
        return run.site() + "-" + run.from() + "-" + run.to().minusDays(1) + "-" + what;
    }
}
