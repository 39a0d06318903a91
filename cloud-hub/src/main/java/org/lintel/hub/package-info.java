/**
 * The cloud hub: Sparkplug B primary host, time series, registry, alarms, billing and maintenance feeds, REST API and console. Filled by the hub core and hub alarms issues.
 */
package org.lintel.hub;
