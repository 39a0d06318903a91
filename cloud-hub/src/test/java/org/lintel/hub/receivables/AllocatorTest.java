package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllocatorTest {

    static OpenItem item(long bill, String fee, String owed) {
        LocalDate from = LocalDate.of(2026, 1, 1).plusMonths(bill);
        BigDecimal o = new BigDecimal(owed);
        return new OpenItem(bill, bill, from, from.plusMonths(1), from.plusMonths(1).plusDays(14), fee, fee, o, BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), o);
    }

    static final List<OpenItem> ITEMS = List.of(item(1, "electricity", "50.00"), item(1, "property-fee", "224.00"), item(2, "electricity", "61.30"),
            item(2, "property-fee", "224.00"), item(3, "electricity", "0.00"));

    @Test
    void aPaymentMeetsTheOldestItemsFirstAndStopsPartWayThroughOne() {
        Allocator.Result r = Allocator.allocate(new BigDecimal("300.00"), ITEMS, Set.of());
        assertEquals(List.of(new Allocator.Share(1, "electricity", new BigDecimal("50.00")), new Allocator.Share(1, "property-fee", new BigDecimal("224.00")),
                new Allocator.Share(2, "electricity", new BigDecimal("26.00"))), r.shares());
        assertEquals(new BigDecimal("0.00"), r.left());
    }

    @Test
    void theBillsThePayerChoseArePaidFirstThenTheOldest() {
        Allocator.Result r = Allocator.allocate(new BigDecimal("300.00"), ITEMS, Set.of(2L));
        assertEquals(List.of(new Allocator.Share(2, "electricity", new BigDecimal("61.30")), new Allocator.Share(2, "property-fee", new BigDecimal("224.00")),
                new Allocator.Share(1, "electricity", new BigDecimal("14.70"))), r.shares());
    }

    @Test
    void moneyBeyondEverythingOwedIsLeftAsPrepaidAndNothingGoesToAnItemThatOwesNothing() {
        Allocator.Result r = Allocator.allocate(new BigDecimal("600.00"), ITEMS, Set.of());
        assertEquals(4, r.shares().size());
        assertEquals(new BigDecimal("40.70"), r.left()); // 600.00 − 50.00 − 224.00 − 61.30 − 224.00
    }
}
