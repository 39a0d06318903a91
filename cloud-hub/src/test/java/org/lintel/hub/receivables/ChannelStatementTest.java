package org.lintel.hub.receivables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.billing.BillRun;

/** A channel's daily statement: lines naming a bill are recorded once, the others listed for a clerk, bad files refused whole. */
class ChannelStatementTest {

    Ledger ledger;
    BillRun oct;

    @BeforeEach
    void start() {
        ledger = new Ledger(TestPostgres.newDatabase(), Clock.systemUTC()).site("s");
        oct = ledger.issue("s", LocalDate.of(2026, 10, 1));
    }

    @AfterEach
    void stop() {
        ledger.db.close();
    }

    String fixture(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources/receivables", name)).replace("${u1}", Long.toString(ledger.billOf(oct, "u1")))
                .replace("${u2}", Long.toString(ledger.billOf(oct, "u2")));
    }

    Receivables.Imported load(String name) throws Exception {
        return ledger.receivables.importStatement("s", PaymentMethod.WECHAT, name, fixture(name), Ledger.SHANGHAI, "clerk");
    }

    @Test
    void linesNamingABillArePaymentsForItAndTheRestAreListedWithWhy() throws Exception {
        Receivables.Imported first = load("wechat-2026-12-03.csv");
        assertEquals(2, first.recorded().size());
        Payment u1 = first.recorded().get(0);
        assertEquals("u1", u1.unit());
        assertEquals("4200000001", u1.reference(), "the spreadsheet guard ` is dropped");
        assertEquals(Instant.parse("2026-12-03T02:15:00Z"), u1.receivedAt(), "10:15 in Shanghai");
        assertEquals(new BigDecimal("0.00"), ledger.receivables.statement("s", "u1").balance());
        assertEquals("u2", first.recorded().get(1).unit(), "a lower-case b in the remark names the bill too");
        assertEquals(new BigDecimal("174.00"), ledger.receivables.statement("s", "u2").balance(), "274.00 − 100.00");
        assertEquals(List.of(4, 5), first.unmatched().stream().map(Receivables.Unmatched::line).toList());
        assertTrue(first.unmatched().get(0).why().contains("names no bill"), first.unmatched().get(0).why());
        assertTrue(first.unmatched().get(1).why().contains("B99999999 is no issued bill of site s"), first.unmatched().get(1).why());

        Receivables.Imported again = load("wechat-2026-12-03.csv");
        assertEquals(0, again.recorded().size(), "the same statement twice records nothing twice");
        assertEquals(2, again.alreadyRecorded());
        assertEquals(2, again.unmatched().size());
        assertEquals(2, ledger.receivables.payments("s", "u1").size() + ledger.receivables.payments("s", "u2").size());
    }

    @Test
    void aStatementWithAMissingColumnOrBadLinesIsRefusedWholeNamingEachPlace() throws Exception {
        org.lintel.hub.core.RefusedFile noRemark = assertThrows(org.lintel.hub.core.RefusedFile.class, () -> load("statement-without-remark.csv"));
        assertTrue(noRemark.problems().get(0).startsWith("statement-without-remark.csv:1: no column [备注, remark]"), noRemark.problems().toString());
        org.lintel.hub.core.RefusedFile bad = assertThrows(org.lintel.hub.core.RefusedFile.class, () -> load("statement-bad-lines.csv"));
        String all = String.join("\n", bad.problems());
        assertTrue(all.contains("statement-bad-lines.csv:2: column 金额: 'abc' is not an amount such as 548.00"), all);
        assertTrue(all.contains("statement-bad-lines.csv:3: column 金额: money received in yuan and fen above 0"), all);
        assertTrue(all.contains("statement-bad-lines.csv:3: column 交易时间: '03/12/2026' is not a time"), all);
        assertEquals(0, ledger.receivables.payments("s", "u1").size(), "nothing recorded");
    }
}
