package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares each unit's metered usage with its last issued bill: a change of more than half is flagged for the
 * reviewer (a holiday, a new tenant, a leak), and more than five times the last usage is an anomaly that stops the
 * run until someone overrides it (a misread register, a meter swapped without a replacement record).
 */
public final class BillReview {

    static final BigDecimal OUTLIER = new BigDecimal("0.5");
    static final BigDecimal IMPLAUSIBLE = new BigDecimal("5");

    /** What a bill's review found: flags to look at and anomalies to resolve. */
    public record Findings(List<String> flags, List<String> anomalies) {
    }

    /** Metered usage per fee item of a bill: the sum of its tier lines (band lines on time of use). */
    public static Map<String, BigDecimal> usage(List<BillLine> lines) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (BillLine l : lines) {
            if (l.kind().usage()) {
                out.merge(l.feeItem(), l.quantity(), BigDecimal::add);
            }
        }
        return out;
    }

    /** {@code last}: the unit's usage per fee item on its last issued bill (empty when it has none). */
    public static Findings review(UnitBill bill, Map<String, BigDecimal> last) {
        List<String> flags = new ArrayList<>();
        List<String> anomalies = new ArrayList<>();
        Map<String, String> units = new LinkedHashMap<>();
        bill.lines().forEach(l -> units.putIfAbsent(l.feeItem(), l.unit()));
        usage(bill.lines()).forEach((item, now) -> {
            BigDecimal before = last.get(item);
            if (before == null || before.signum() <= 0) {
                return;
            }
            String unit = units.get(item) == null ? "" : " " + units.get(item);
            String change = item + ": " + before.stripTrailingZeros().toPlainString() + unit + " last period, " + now.stripTrailingZeros().toPlainString()
                    + unit + " now";
            if (now.compareTo(before.multiply(IMPLAUSIBLE)) > 0) {
                anomalies.add(change + ": more than 5 times, an implausible jump (check the register and the replacements)");
            } else if (now.subtract(before).abs().compareTo(before.multiply(OUTLIER)) > 0) {
                BigDecimal pct = now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 0, RoundingMode.HALF_UP);
                flags.add(change + " (" + (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + " %)");
            }
        });
        return new Findings(flags, anomalies);
    }
}
