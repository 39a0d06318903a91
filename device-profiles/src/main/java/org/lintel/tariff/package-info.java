/**
 * The tariff file of a site (issue 17): fee items (metered with tiers, time of use and surcharges; by floor area;
 * fixed; one-off; 公摊 pools), each priced by versions that take effect on a date. Read with the line and column of
 * every mistake, like site files; the hub's billing domain prices bills from what is read here.
 */
package org.lintel.tariff;
