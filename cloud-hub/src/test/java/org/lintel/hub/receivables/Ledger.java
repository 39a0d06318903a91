package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.billing.BillCorrected;
import org.lintel.hub.billing.BillRun;
import org.lintel.hub.billing.BillRunIssued;
import org.lintel.hub.billing.BillRuns;
import org.lintel.hub.billing.MoveOuts;
import org.lintel.hub.billing.Billing;
import org.lintel.hub.billing.BillingAccountStore;
import org.lintel.hub.billing.Premises;
import org.lintel.hub.billing.TariffStore;
import org.lintel.hub.billing.UsageSource;
import org.lintel.hub.core.EventBus;
import org.lintel.hub.storage.Database;
import org.lintel.hub.usage.BoundaryReading;
import org.lintel.hub.usage.Consumption;

/**
 * A small community's billing and receivables over a real PostgreSQL, wired as the hub wires them (issuing a run or a
 * credit note settles prepaid money through the event bus): two flats of 80 m² each, electricity at 0.50 CNY/kWh and
 * 物业费 at 2.80 CNY/m² with a late fee of 0.05 % a day after 15 days' grace, capped at 30 % of the fee; each flat uses 100 kWh a month unless a test says otherwise, so a month's bill is
 * 50.00 + 224.00 = 274.00.
 */
final class Ledger {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String TARIFF = """
            site: %s
            feeItems:
              - {id: electricity, name: {zh: 电费}, kind: metered, point: energy.import.total, unit: kWh, versions: [{from: 2026-01-01, price: 0.50}]}
              - id: property-fee
                name: {zh: 物业费}
                kind: area
                lateFee: {graceDays: 15, dailyRate: 0.0005, cap: {share: 0.3}, clause: 物业服务合同第十二条}
                versions: [{from: 2026-01-01, price: 2.80}]
            notice: {dueDays: 15}
            """;

    final Database db;
    final Billing billing;
    final BillRuns runs;
    final Receivables receivables;
    final Map<String, BigDecimal> used = new HashMap<>();
    final MoveOuts moveOuts;
    /** When set, every flat's meter counts this at each instant (kWh) instead of {@link #used} a period. */
    java.util.function.Function<java.time.Instant, BigDecimal> counter;

    Ledger(Database db, Clock clock) {
        this.db = db;
        UsageSource usage = (site, target, point, from, to) -> {
            if (counter != null) {
                BigDecimal a = counter.apply(from);
                BigDecimal b = counter.apply(to);
                return new Consumption(site, target, point, "kWh", from, to, b.subtract(a), false, List.of(new Consumption.Segment(target + "-em", from, to,
                        new BoundaryReading(from, a, "interpolated", from, from), new BoundaryReading(to, b, "interpolated", to, to), b.subtract(a), 0, List.of())));
            }
            BigDecimal u = used.getOrDefault(target, new BigDecimal("100"));
            return new Consumption(site, target, point, "kWh", from, to, u, false, List.of(new Consumption.Segment(target + "-em", from, to,
                    new BoundaryReading(from, BigDecimal.ZERO, "measured", from, from), new BoundaryReading(to, u, "measured", to, to), u, 0, List.of())));
        };
        billing = new Billing(new TariffStore(db), new BillingAccountStore(db), usage,
                site -> List.of(new Premises("u1", "b1", "1号楼", null, 1, new BigDecimal("80"), "0101", null),
                        new Premises("u2", "b2", "2号楼", null, 1, new BigDecimal("80"), "0101", null)),
                site -> Set.of("u1-em", "u2-em"), site -> Set.of("energy.import.total"), clock);
        receivables = new Receivables(db, clock, (site, unit) -> billing.accounts(site).stream().filter(a -> a.unit().equals(unit))
                .map(BillingAccountStore.Stored::payer).findFirst(), billing::lateFees, site -> SHANGHAI);
        EventBus bus = new EventBus();
        bus.subscribe(BillRunIssued.class, "receivables", e -> receivables.settleSite(e.site()));
        bus.subscribe(BillCorrected.class, "receivables", e -> receivables.settle(e.site(), e.unit()));
        runs = new BillRuns(db, billing, clock, bus::publish, receivables::writtenOff, receivables::lateFeeLines);
        moveOuts = new MoveOuts(db, billing, clock, bus::publish, receivables::lateFeeLines);
    }

    /** A site with its tariff and the two flats' accounts. */
    Ledger site(String site) {
        billing.uploadTariff(site, site + ".tariffs.yaml", TARIFF.formatted(site), "admin");
        billing.replaceAccounts(site, List.of(new BillingAccountStore.Stored("u1", "张伟", 3, List.of("electricity", "property-fee")),
                new BillingAccountStore.Stored("u2", "王芳", 2, List.of("electricity", "property-fee"))));
        return this;
    }

    /** The month's run computed by a clerk, approved and issued by a manager. */
    BillRun issue(String site, LocalDate month) {
        long id = runs.draft(site, SHANGHAI, month, month.plusMonths(1), "clerk").id();
        runs.approve(id, "manager");
        return runs.issue(id, "manager");
    }

    long billOf(BillRun run, String unit) {
        return runs.bill(run.id(), unit).orElseThrow().id();
    }
}
