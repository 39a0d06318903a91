package org.lintel.hub.billing.export;

import static org.lintel.hub.billing.export.Table.Type.MONEY;
import static org.lintel.hub.billing.export.Table.Type.NUMBER;
import static org.lintel.hub.billing.export.Table.Type.RATE;
import static org.lintel.hub.billing.export.Table.Type.TEXT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.Money;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.billing.BillingException;

/**
 * The 数电发票 (fully digital e-invoice) line fields of a run's bills, for the invoicing system: 项目名称, 规格型号, 单位,
 * 数量, 单价, 金额, 税率, 税额, one row per non-zero printed line. Bills are tax-inclusive; the invoice splits each line
 * once: 金额 = amount ÷ (1 + rate) rounded half-up to the fen, 税额 = amount − 金额, so that 金额 + 税额 is the printed
 * amount exactly; 单价 (tax-exclusive) = 金额 ÷ 数量 to 8 decimals. A pool's share is invoiced as one 项.
 */
public final class InvoiceLineTable {

    public static final List<Table.Column> COLUMNS = List.of(
            BillLineTable.col("账单号 bill id", TEXT), BillLineTable.col("房号 unit", TEXT), BillLineTable.col("购买方 buyer", TEXT),
            BillLineTable.col("项目名称 item name", TEXT), BillLineTable.col("规格型号 specification", TEXT), BillLineTable.col("单位 unit", TEXT),
            BillLineTable.col("数量 quantity", NUMBER), BillLineTable.col("单价 unit price excl. tax", NUMBER),
            BillLineTable.col("金额 amount excl. tax", MONEY), BillLineTable.col("税率 tax rate", RATE), BillLineTable.col("税额 tax", MONEY),
            BillLineTable.col("价税合计 amount incl. tax", MONEY));

    private InvoiceLineTable() {
    }

    /** Refused when a line's fee item has no VAT rate in the tariff it was computed with: the invoice needs one. */
    public static Table of(RunDocuments d) {
        Set<String> missing = new TreeSet<>();
        List<List<Object>> rows = new ArrayList<>();
        for (ReviewedBill rb : d.bills()) {
            for (BillLine l : rb.bill().lines()) {
                if (l.amount().signum() == 0) {
                    continue;
                }
                if (l.taxRate() == null) {
                    missing.add(l.feeItem());
                    continue;
                }
                BigDecimal net = net(l.amount(), l.taxRate());
                boolean pool = l.kind() == BillLine.Kind.POOL || l.quantity().signum() == 0;
                BigDecimal quantity = pool ? BigDecimal.ONE : l.quantity();
                rows.add(Arrays.asList(String.valueOf(rb.id()), rb.bill().unit(), rb.bill().payer(), l.feeName(), l.basis(), pool ? "项" : l.unit(),
                        quantity, net.divide(quantity, 8, RoundingMode.HALF_UP).stripTrailingZeros(), net, l.taxRate(), l.amount().subtract(net),
                        l.amount()));
            }
        }
        if (!missing.isEmpty()) {
            throw new BillingException(BillingException.Kind.CONFLICT, null, "fee item" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " of run " + d.run().id() + " had no taxRate in the tariff; an invoice line needs its VAT rate (e.g. taxRate: 0.13 for electricity)",
                    null);
        }
        return new Table("数电发票明细 invoice lines", COLUMNS, rows);
    }

    /** The tax-exclusive part of a tax-inclusive amount, to the fen. */
    public static BigDecimal net(BigDecimal gross, BigDecimal rate) {
        return gross.divide(BigDecimal.ONE.add(rate), Money.SCALE, RoundingMode.HALF_UP);
    }
}
