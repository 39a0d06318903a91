/**
 * To come (issue 17): tariffs (tiers, time of use, seasons), fee items, billing accounts, bill runs, 公摊. Reads metered
 * usage only through {@code org.lintel.hub.usage.MeterUsage}; never the time series, MQTT or HTTP. Its routes go in
 * {@code org.lintel.hub.api.billing}, its tables in its own migrations.
 */
package org.lintel.hub.billing;
