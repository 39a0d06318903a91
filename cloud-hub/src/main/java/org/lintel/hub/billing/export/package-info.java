/**
 * What a bill run gives the people and systems around it: its lines as CSV and XLSX for the clerk's spreadsheets, the
 * 数电发票 (fully digital e-invoice) line fields for the invoicing system, and printable 缴费通知单 (payment notices)
 * per unit and per building. Columns are documented in docs/billing.md; every file is written by a library.
 */
package org.lintel.hub.billing.export;
