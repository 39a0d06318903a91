/**
 * Backups and restores of a whole hub: PostgreSQL (pg_dump's custom format), the time series (the embedded store's
 * log, or InfluxDB's portable backup) and the configuration (site files, escalation, the data folder's keys), with a
 * manifest saying what was taken when. {@code lintel-hub backup DIR} and {@code lintel-hub restore DIR}; the
 * procedure and its guarantees are in docs/operations.md.
 */
package org.lintel.hub.backup;
