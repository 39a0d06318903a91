/**
 * Payment reminders (催缴): a site's policy (when relative to the due date, quiet hours, how often at most, which
 * channels, the templates in Chinese and English), each payer's contact and opt-out, and the log of every reminder
 * with its delivery result.
 */
package org.lintel.hub.receivables.reminders;
