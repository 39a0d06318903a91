package org.lintel.hub.billing;

import java.math.BigDecimal;

/** The usage of one time-of-use band (峰, 平, 谷, 尖峰) in a bill, as printed: quantity, unit price, amount. */
public record BandPart(String band, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
}
