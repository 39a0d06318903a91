/**
 * Billing (issue 17). Built: the calculation core — the rounding policy ({@link org.lintel.hub.billing.Money}),
 * graduated tiers carried across bills ({@link org.lintel.hub.billing.TierSchedule}), time of use with tier adders
 * ({@link org.lintel.hub.billing.TimeOfUseTariff}, {@link org.lintel.hub.billing.TouSchedule}) and 公摊 by largest
 * remainder ({@link org.lintel.hub.billing.Apportionment}); docs/billing.md. To come: tariff files, fee items, billing
 * accounts, bill runs. Reads metered
 * usage only through {@code org.lintel.hub.usage.MeterUsage}; never the time series, MQTT or HTTP. Its routes go in
 * {@code org.lintel.hub.api.billing}, its tables in its own migrations.
 */
package org.lintel.hub.billing;
