package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One fee item of one issued bill as receivables sees it: what it charged (its lines and any credit or debit notes),
 * what has been paid towards it and written off, and what is still owed. A payment meets items in their order: the
 * oldest period first, then the bill's own line order.
 *
 * @param owed billed − paid − written off; negative when a credit note came after it was paid
 */
public record OpenItem(long billId, long runId, LocalDate periodFrom, LocalDate periodTo, LocalDate dueOn, String feeItem, String feeName,
                       BigDecimal billed, BigDecimal paid, BigDecimal writtenOff, BigDecimal owed) {

    public boolean open() {
        return owed.signum() > 0;
    }
}
