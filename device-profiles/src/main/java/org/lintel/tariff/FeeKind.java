package org.lintel.tariff;

/** How a fee item is charged. */
public enum FeeKind {
    /** By a meter's usage in the period (kWh, m³), with tiers, time of use and surcharges. */
    METERED,
    /** By the unit's floor area per month (物业费). */
    AREA,
    /** A fixed amount per month (a parking space). */
    FIXED,
    /** An amount charged once. */
    ONE_OFF,
    /** 公摊: a pool of meters' cost shared among units. */
    POOL
}
