package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Money received for a unit, with its receipt number and what it paid when it was received. */
public record Payment(long id, String site, String unit, String payer, PaymentMethod method, String reference, BigDecimal amount,
                      Instant receivedAt, String receiptNo, String recordedBy, Instant recordedAt, List<Allocation> allocations) {

    public Payment {
        allocations = List.copyOf(allocations);
    }

    /** What this payment left as prepaid balance when it was received. */
    public BigDecimal prepaidAtReceipt() {
        return allocations.stream().filter(a -> a.why().equals("payment")).map(Allocation::amount).reduce(amount, BigDecimal::subtract);
    }
}
