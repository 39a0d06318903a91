package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding policy of every bill (docs/billing.md): quantities and prices are exact decimals; each printed
 * line's amount is quantity × unit price computed exactly and rounded once to the fen (0.01 CNY), half up (四舍五入);
 * a bill's total is the sum of its printed lines and is never rounded on its own; shares of a pool are allocated to the
 * fen by largest remainder ({@link Apportionment}), so that they add up to the pool.
 */
public final class Money {

    /** Fen: two places of the yuan. */
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Money() {
    }

    /** An exact amount rounded to the fen, the only place where amounts are rounded. */
    public static BigDecimal round(BigDecimal exact) {
        return exact.setScale(SCALE, ROUNDING);
    }

    /** A printed line's amount. */
    public static BigDecimal amount(BigDecimal quantity, BigDecimal unitPrice) {
        return round(quantity.multiply(unitPrice));
    }

    /** Zero yuan at the fen's scale. */
    public static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(SCALE);
    }
}
