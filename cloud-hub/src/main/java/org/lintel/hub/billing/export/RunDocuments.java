package org.lintel.hub.billing.export;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.ReviewedBill;
import org.lintel.tariff.PaymentNotice;

/** Everything the exports of one bill run read: the run, its bills, the units they are for, and the site's words. */
public record RunDocuments(BillRun run, String siteName, ZoneId zone, List<ReviewedBill> bills, Map<String, Premises> premises, PaymentNotice notice) {

    public RunDocuments {
        bills = List.copyOf(bills);
        premises = Map.copyOf(premises);
    }

    /** The period's last day, as people write a period: 2026-11-01 至 2026-11-30. */
    public LocalDate lastDay() {
        return run.to().minusDays(1);
    }

    /** The date payment is due: the period's last day plus the site's due days. */
    /** The issued run's own due date; a draft's from the site's notice as it stands. */
    public LocalDate dueDate() {
        return run.dueOn() != null ? run.dueOn() : lastDay().plusDays(notice.dueDays());
    }

    public boolean issued() {
        return run.state() == BillRun.State.ISSUED;
    }
}
