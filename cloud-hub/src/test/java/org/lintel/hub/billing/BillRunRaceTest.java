package org.lintel.hub.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;
import org.lintel.hub.usage.BoundaryReading;
import org.lintel.hub.usage.Consumption;

/**
 * What another person does while a draft is being computed (seconds for a large community): the usage source below
 * lets a second clerk or a manager act at the moment the readings are being read, deterministically.
 */
class BillRunRaceTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate NOV = LocalDate.of(2026, 11, 1);
    static final LocalDate DEC = LocalDate.of(2026, 12, 1);
    static final String TARIFF = """
            site: s
            feeItems:
              - {id: electricity, kind: metered, point: energy.import.total, unit: kWh, versions: [{from: 2026-01-01, price: 0.50}]}
            """;

    Database db;
    BillRuns runs;
    /** Done once, the next time a reading is asked for. */
    final AtomicReference<Runnable> meanwhile = new AtomicReference<>();
    BigDecimal used = new BigDecimal("100");

    @BeforeEach
    void start() {
        db = TestPostgres.newDatabase();
        UsageSource usage = (site, target, point, from, to) -> {
            Runnable r = meanwhile.getAndSet(null);
            if (r != null) {
                r.run();
            }
            return new Consumption(site, target, point, "kWh", from, to, used, false, List.of(new Consumption.Segment(target + "-em", from, to,
                    new BoundaryReading(from, BigDecimal.ZERO, "measured", from, from), new BoundaryReading(to, used, "measured", to, to), used, 0, List.of())));
        };
        Billing billing = new Billing(new TariffStore(db), new BillingAccountStore(db), usage,
                site -> List.of(new Premises("u1", "b1", null, null, 1, new BigDecimal("80"), null, null)), site -> Set.of("u1-em"),
                site -> Set.of("energy.import.total"), Clock.systemUTC());
        billing.uploadTariff("s", "s.tariffs.yaml", TARIFF, "admin");
        billing.replaceAccounts("s", List.of(new BillingAccountStore.Stored("u1", "张伟", 3, List.of("electricity"))));
        runs = new BillRuns(db, billing, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aRunApprovedWhileItsDraftIsComputedAgainKeepsTheBillsThatWereApproved() {
        long id = runs.draft("s", SHANGHAI, NOV, DEC, "clerk").id();
        assertEquals(new BigDecimal("50.00"), runs.find(id).orElseThrow().total());
        used = new BigDecimal("300");
        meanwhile.set(() -> runs.approve(id, "manager"));
        BillingException e = assertThrows(BillingException.class, () -> runs.draft("s", SHANGHAI, NOV, DEC, "clerk"));
        assertTrue(e.getMessage().contains("was approved while this draft was being computed"), e.getMessage());
        BillRun run = runs.find(id).orElseThrow();
        assertEquals(BillRun.State.APPROVED, run.state());
        assertEquals(new BigDecimal("50.00"), run.total(), "the approved bills, not the 150.00 computed meanwhile");
    }

    @Test
    void twoDraftsOfTheSameNewPeriodAtOnceLeaveOneRunAndTellTheSecondClerk() {
        meanwhile.set(() -> runs.draft("s", SHANGHAI, NOV, DEC, "other clerk"));
        BillingException e = assertThrows(BillingException.class, () -> runs.draft("s", SHANGHAI, NOV, DEC, "clerk"));
        assertTrue(e.getMessage().contains("was created by someone else while this one was being computed"), e.getMessage());
        assertEquals(1, runs.list("s").size());
        assertEquals("other clerk", runs.list("s").get(0).createdBy());
        assertEquals(1, runs.draft("s", SHANGHAI, NOV, DEC, "clerk").bills(), "computing it again replaces the draft");
    }

    @Test
    void aGridBillEnteredAfterTheRunWasIssuedIsRefused() {
        long id = runs.draft("s", SHANGHAI, NOV, DEC, "clerk").id();
        runs.approve(id, "manager");
        runs.issue(id, "manager");
        assertThrows(BillingException.class, () -> runs.gridBill(id, new BigDecimal("10.00"), "国网", "clerk"));
    }
}
