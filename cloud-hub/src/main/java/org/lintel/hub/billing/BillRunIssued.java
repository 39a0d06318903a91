package org.lintel.hub.billing;

/** A run's bills were issued: what payers owe changed (receivables meets them with prepaid money). */
public record BillRunIssued(String site, long run) {
}
