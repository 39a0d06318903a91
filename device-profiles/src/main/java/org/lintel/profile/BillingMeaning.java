package org.lintel.profile;

/** The billable quantity a counter measures; the hub's billing turns its usage into fee line items. */
public enum BillingMeaning {
    ELECTRICITY,
    WATER,
    HOT_WATER,
    HEAT,
    GAS
}
