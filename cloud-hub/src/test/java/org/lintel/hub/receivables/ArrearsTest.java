package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArrearsTest {

    @Test
    void daysPastDueFallInTheBandsClerksUse() {
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 3, 3, 4), List.of(-3L, 0L, 1L, 30L, 31L, 90L, 91L, 180L, 181L).stream().map(Arrears::band).toList());
    }

    @Test
    void aUnitsOpenItemsAreAgedFromTheirOwnDueDatesAndAddUpByBuildingAndSite() {
        LocalDate asOf = LocalDate.of(2026, 12, 5);
        OpenItem old = new OpenItem(1, 1, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 15), "e", "电费",
                new BigDecimal("50.00"), new BigDecimal("20.00"), BigDecimal.ZERO.setScale(2), new BigDecimal("30.00"));
        OpenItem recent = new OpenItem(2, 2, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15), "e", "电费",
                new BigDecimal("48.10"), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), new BigDecimal("48.10"));
        OpenItem paid = new OpenItem(3, 2, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 15), "e", "电费",
                new BigDecimal("50.00"), new BigDecimal("50.00"), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));
        Arrears a = Arrears.of(Map.of("u1", List.of(old, recent), "u2", List.of(paid)), u -> "b1", u -> "张伟", asOf);
        assertEquals(1, a.units().size(), "a unit that owes nothing is not listed");
        // 15 June → 5 December is 173 days: 91–180; 15 November → 5 December is 20 days: 1–30
        assertEquals(List.of(new BigDecimal("0.00"), new BigDecimal("48.10"), new BigDecimal("0.00"), new BigDecimal("30.00"), new BigDecimal("0.00")),
                a.units().get(0).bands());
        assertEquals(new BigDecimal("78.10"), a.site().total());
        assertEquals(LocalDate.of(2026, 6, 15), a.buildings().get(0).oldestDue());
    }
}
