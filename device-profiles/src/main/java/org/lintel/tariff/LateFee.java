package org.lintel.tariff;

import java.math.BigDecimal;

/**
 * A fee item's late fee (违约金/滞纳金) as its contract states it: charged only when the contract provides for it, so
 * it is data in the tariff file, never code. Each day after the due date and the grace days, {@code dailyRate} of
 * what is still unpaid that day (and of the late fee so far when {@code compound}); never more than the lower of
 * {@code capAmount} and {@code capShare} × the fee's amount; no more accrues {@code stopAfterDays} after the due date.
 *
 * @param capShare      the cap as a share of the fee, e.g. 0.3 (a court may cut a 违约金 far above the loss); null: none
 * @param capAmount     the cap in CNY; null: none
 * @param stopAfterDays days after the due date after which nothing more accrues; null: no stop
 * @param clause        where the contract says so, printed with the fee
 */
public record LateFee(int graceDays, BigDecimal dailyRate, BigDecimal capShare, BigDecimal capAmount, Integer stopAfterDays, boolean compound,
                      String clause) {
}
