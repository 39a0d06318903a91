package org.lintel.hub.receivables.reminders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One reminder as logged: to whom, through which channel and address, for which bills (each at its step of the
 * schedule) and amount, the words sent, and whether the channel delivered it ({@code detail}: its answer).
 */
public record Reminder(long id, String site, String unit, String payer, String channel, String address, List<Long> bills, List<Integer> steps,
                       BigDecimal amount, String text, Instant sentAt, boolean delivered, String detail) {

    public Reminder {
        bills = List.copyOf(bills);
        steps = List.copyOf(steps);
    }
}
