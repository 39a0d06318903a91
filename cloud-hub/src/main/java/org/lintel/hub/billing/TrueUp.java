package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.TariffFile;

/**
 * Trues up an earlier bill's estimated metered fees once the meters have been read: each fee is priced again over the
 * earlier period from today's readings and, when no estimate is left behind it, the difference from what was billed
 * becomes an adjustment line of the unit's next bill (negative when the estimate was too high). A fee still estimated
 * is left for a later run; the earlier, issued bill is never changed.
 */
public final class TrueUp {

    /** The adjustment lines for one earlier bill, and whether every estimated fee of it could be settled. */
    public record Result(List<BillLine> lines, boolean settled) {
    }

    private final MeteredCharges metered;

    public TrueUp(UsageSource usage) {
        this.metered = new MeteredCharges(usage);
    }

    public Result of(String site, ZoneId zone, TariffFile tariff, BillingAccount account, EstimatedBill earlier) {
        List<BillLine> lines = new ArrayList<>();
        boolean settled = true;
        for (Map.Entry<String, BigDecimal> billed : earlier.amounts().entrySet()) {
            FeeItem item = tariff.items().stream().filter(i -> i.id().equals(billed.getKey())).findFirst().orElse(null);
            if (item == null) {
                // the fee left the tariff: nothing to price it with; the clerk settles it by an adjustment
                continue;
            }
            List<MeteredLine> now;
            try {
                now = metered.charge(site, zone, item, account.unit(), account.persons(), account.timeOfUse(), earlier.from(), earlier.to());
            } catch (org.lintel.hub.usage.UsageRequestException | org.lintel.hub.usage.NoReadingsException | IllegalArgumentException e) {
                settled = false;
                continue;
            }
            if (now.stream().anyMatch(MeteredLine::estimated)) {
                settled = false;
                continue;
            }
            BigDecimal amount = now.stream().map(MeteredLine::amount).reduce(Money.zero(), BigDecimal::add);
            BigDecimal used = now.stream().map(m -> m.consumption().usage()).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal difference = amount.subtract(billed.getValue());
            if (difference.signum() != 0) {
                BigDecimal before = earlier.usage().getOrDefault(item.id(), BigDecimal.ZERO);
                String basis = "上期估算更正 true-up of bill " + earlier.billId() + " (" + earlier.from() + "–" + earlier.to() + "): "
                        + before.stripTrailingZeros().toPlainString() + " → " + used.stripTrailingZeros().toPlainString() + " " + item.unit() + ", "
                        + billed.getValue().toPlainString() + " → " + amount.toPlainString();
                lines.add(new BillLine(item.id(), BillCalculator.name(item), BillLine.Kind.ADJUSTMENT, basis, used.subtract(before), item.unit(), null,
                        difference, false, item.taxRate(), item.resold(), List.of()));
            }
        }
        return new Result(lines, settled);
    }
}
