package org.lintel.hub.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The late fees bills charge as their own lines (违约金): for each unit, what its payer's earlier bills have accrued
 * by {@code asOf} under their contracts' rules and no bill has charged yet. Receivables computes them; billing only
 * adds the lines. Asked once for a whole run, so a site of thousands of units costs a few queries, not thousands.
 */
@FunctionalInterface
public interface LateFeeCharges {

    LateFeeCharges NONE = (site, asOf, payers) -> Map.of();

    /** @param payers the payer of each unit's bill being computed, by unit */
    Map<String, List<BillLine>> lines(String site, LocalDate asOf, Map<String, String> payers);
}
