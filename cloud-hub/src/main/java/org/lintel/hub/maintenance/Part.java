package org.lintel.hub.maintenance;

import java.math.BigDecimal;

/** A spare part used on a work order: what, how many, at what unit price (CNY). */
public record Part(String name, BigDecimal quantity, BigDecimal unitPrice) {

    public BigDecimal cost() {
        return quantity.multiply(unitPrice);
    }
}
