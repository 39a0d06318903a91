package org.lintel.hub.billing;

/** An issued bill got a credit or debit note: what its payer owes changed. */
public record BillCorrected(String site, String unit, long bill) {
}
