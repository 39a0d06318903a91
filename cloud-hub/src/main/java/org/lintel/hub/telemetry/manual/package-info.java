/**
 * Meter readings entered by people (手工抄表): a reading round's CSV from a handheld terminal or a spreadsheet, for
 * meters that are not polled yet or a gap in the polled history. Imported readings go to the same time series as
 * polled ones and bill the same way; a reading never replaces a different one already stored.
 */
package org.lintel.hub.telemetry.manual;
