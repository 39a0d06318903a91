package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Stored quantities and prices come back as exact as they were given, without the column's padding. */
class BillRunStoreTest {

    @Test
    void aRoundPriceComesBackAsWrittenNeverInExponentForm() {
        assertEquals("300", BillRunStore.plain(new BigDecimal("300.000000")).toString(), "not 3E+2");
        assertEquals("0.4883", BillRunStore.plain(new BigDecimal("0.488300")).toString());
        assertEquals("89.5", BillRunStore.plain(new BigDecimal("89.500000")).toString());
        assertEquals("0", BillRunStore.plain(new BigDecimal("0.000000")).toString());
        assertNull(BillRunStore.plain(null));
    }
}
