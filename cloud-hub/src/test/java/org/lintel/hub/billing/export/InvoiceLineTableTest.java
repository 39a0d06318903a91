package org.lintel.hub.billing.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lintel.hub.billing.BillLine;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillingException;
import org.lintel.hub.billing.Money;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.hub.billing.UnitBill;
import org.lintel.tariff.PaymentNotice;

/** 数电发票 lines split each tax-inclusive amount once, so that 金额 + 税额 is what the payer was billed, to the fen. */
class InvoiceLineTableTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static RunDocuments run(BillLine... lines) {
        BillRun run = new BillRun(7, "lintel-garden", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), BillRun.State.ISSUED, "a", null, null, null,
                null, null, null, 1, Money.zero(), 0, Money.zero(), null, null, LocalDate.of(2026, 12, 15));
        UnitBill bill = new UnitBill("b1-0101", "张伟", run.from(), run.to(), List.of(lines));
        return new RunDocuments(run, "琳泰花园", ZoneId.of("Asia/Shanghai"), List.of(new ReviewedBill(41, bill, List.of(), List.of())), Map.of(),
                PaymentNotice.DEFAULT);
    }

    static BillLine line(BillLine.Kind kind, String quantity, String unit, String price, String amount, String rate) {
        return new BillLine("electricity", "电费", kind, "第1档 tier 1", d(quantity), unit, price == null ? null : d(price), d(amount), false,
                rate == null ? null : d(rate), false, List.of());
    }

    @Test
    void electricityAt13PercentIsSplitIntoNetAndTaxThatAddUpToTheBilledAmount() {
        // 157.49 ÷ 1.13 = 139.3716… → 139.37; tax 157.49 − 139.37 = 18.12; unit price 139.37 ÷ 300 = 0.46456667
        Table t = InvoiceLineTable.of(run(line(BillLine.Kind.TIER, "300", "kWh", "0.5250", "157.49", "0.13")));
        List<Object> row = t.rows().get(0);
        assertEquals(List.of("41", "b1-0101", "张伟", "电费", "第1档 tier 1", "kWh", d("300"), d("0.46456667"), d("139.37"), d("0.13"), d("18.12"), d("157.49")),
                row);
    }

    @Test
    void aPoolShareIsInvoicedAsOneItemAndNothingBilledIsNotInvoiced() {
        Table t = InvoiceLineTable.of(run(line(BillLine.Kind.POOL, "88.00", "m²", null, "341.96", "0.13"),
                line(BillLine.Kind.TIER, "0", "kWh", "0.4883", "0.00", "0.13")));
        assertEquals(1, t.rows().size(), "a zero line has nothing to invoice");
        assertEquals(List.of("项", BigDecimal.ONE, d("302.62"), d("302.62")), List.of(t.rows().get(0).get(5), t.rows().get(0).get(6), t.rows().get(0).get(7),
                t.rows().get(0).get(8)), "341.96 ÷ 1.13 = 302.619… → 302.62, one 项 at that price");
    }

    @Test
    void aLineWithoutATaxRateRefusesTheWholeExportNamingTheFeeItem() {
        BillingException e = assertThrows(BillingException.class, () -> InvoiceLineTable.of(run(line(BillLine.Kind.TIER, "10", "kWh", "0.5", "5.00",
                null))));
        assertTrue(e.getMessage().contains("fee item electricity of run 7 had no taxRate"), e.getMessage());
    }

    @Test
    void forTenThousandRandomAmountsAndRatesNetPlusTaxIsTheAmountAndPriceTimesQuantityIsWithinAFenOfNet() {
        Random r = new Random(17);
        BigDecimal[] rates = {d("0.13"), d("0.09"), d("0.06"), d("0.03"), d("0.05"), d("0")};
        for (int i = 0; i < 10_000; i++) {
            BigDecimal amount = BigDecimal.valueOf(r.nextInt(10_000_000), 2);
            BigDecimal quantity = BigDecimal.valueOf(1 + r.nextInt(100_000), r.nextInt(4));
            BigDecimal rate = rates[r.nextInt(rates.length)];
            List<Object> row = InvoiceLineTable.of(run(line(BillLine.Kind.TIER, quantity.toPlainString(), "kWh", "1", amount.toPlainString(),
                    rate.toPlainString()))).rows().stream().findFirst().orElse(null);
            if (amount.signum() == 0) {
                continue;
            }
            BigDecimal net = (BigDecimal) row.get(8);
            BigDecimal tax = (BigDecimal) row.get(10);
            assertEquals(amount, net.add(tax), "金额 + 税额 = the billed amount");
            BigDecimal price = (BigDecimal) row.get(7);
            assertTrue(price.multiply(quantity).subtract(net).abs().compareTo(d("0.01")) <= 0, "单价 × 数量 within a fen of 金额: " + row);
        }
    }
}
