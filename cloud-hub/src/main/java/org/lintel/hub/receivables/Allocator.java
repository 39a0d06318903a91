package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Meets open fee items with an amount of money: the items of the bills the payer chose first (in their order), then
 * every other open item oldest first; what is left over is the payer's prepaid balance. Whole fen only, never more
 * on an item than it owes.
 */
final class Allocator {

    /** What goes to one fee item of one bill. */
    record Share(long billId, String feeItem, BigDecimal amount) {
    }

    record Result(List<Share> shares, BigDecimal left) {
    }

    private Allocator() {
    }

    static Result allocate(BigDecimal amount, List<OpenItem> items, Set<Long> chosenBills) {
        return allocate(amount, items, chosenBills, i -> true);
    }

    /** As above; the oldest-first part meets only the items {@code own} admits (the holder's own bills, not a former occupant's). */
    static Result allocate(BigDecimal amount, List<OpenItem> items, Set<Long> chosenBills, java.util.function.Predicate<OpenItem> own) {
        List<OpenItem> order = new ArrayList<>();
        items.stream().filter(i -> i.open() && chosenBills.contains(i.billId())).forEach(order::add);
        items.stream().filter(i -> i.open() && !chosenBills.contains(i.billId()) && own.test(i)).forEach(order::add);
        List<Share> shares = new ArrayList<>();
        BigDecimal left = amount;
        for (OpenItem i : order) {
            if (left.signum() <= 0) {
                break;
            }
            BigDecimal part = left.min(i.owed());
            shares.add(new Share(i.billId(), i.feeItem(), part));
            left = left.subtract(part);
        }
        return new Result(List.copyOf(shares), left);
    }
}
