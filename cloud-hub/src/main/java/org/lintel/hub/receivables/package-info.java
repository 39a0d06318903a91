/**
 * Receivables (应收): what payers owe and pay after bills are issued. Payments with their receipts (收据, numbered
 * without gaps per site), each allocated to fee items of issued bills, oldest first unless the payer chooses; money
 * beyond what is owed kept as a prepaid balance that meets the next bills; refunds and write-offs asked by one person
 * and decided by another; a unit's statement (对账单) that reconciles to the cent; arrears by age.
 *
 * <p>Reads bills through the billing domain's tables and {@code billing.BillRuns}; billing never reads receivables.
 * Never sees MQTT or HTTP.
 */
package org.lintel.hub.receivables;
