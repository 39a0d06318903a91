package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lintel.check.Problems;
import org.lintel.check.Where;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.TariffFile;
import org.lintel.tariff.TariffLoader;

/**
 * The billing domain's services: a site's tariff file and billing accounts, and bills computed for a period from the
 * meters' readings (a preview: bill runs that are approved and issued come next).
 */
public final class Billing {

    private final TariffStore tariffs;
    private final BillingAccountStore accounts;
    private final UsageSource usage;
    private final Function<String, List<Premises>> premises;
    private final Function<String, Set<String>> devices;
    private final Function<String, Set<String>> counterPoints;
    private final Clock clock;

    public Billing(TariffStore tariffs, BillingAccountStore accounts, UsageSource usage, Function<String, List<Premises>> premises,
                   Function<String, Set<String>> devices, Function<String, Set<String>> counterPoints, Clock clock) {
        this.tariffs = tariffs;
        this.accounts = accounts;
        this.usage = usage;
        this.premises = premises;
        this.devices = devices;
        this.counterPoints = counterPoints;
        this.clock = clock;
    }

    /** Checks and keeps a site's tariff file; refused with every problem at its place, nothing kept. */
    public TariffFile uploadTariff(String site, String name, String text, String by) {
        Problems problems = new Problems();
        Optional<TariffFile> file = TariffLoader.loadText(name, text, problems);
        if (file.isPresent()) {
            TariffFile f = file.get();
            if (!f.site().equals(site)) {
                problems.error(Where.wholeFile(name), null, "the file is for site '" + f.site() + "', not '" + site + "'");
            }
            Set<String> known = devices.apply(site);
            Set<String> counted = counterPoints.apply(site);
            for (FeeItem i : f.items()) {
                if (i.kind() == org.lintel.tariff.FeeKind.METERED && i.point() != null && !counted.contains(i.point())) {
                    problems.error(i.where(), "fee item " + i.id(), "no meter of site " + site + " counts '" + i.point() + "'; its meters' counters: "
                            + new java.util.TreeSet<>(counted));
                }
                for (String m : i.poolMeters()) {
                    if (!known.contains(m)) {
                        problems.error(i.where(), "fee item " + i.id(), "no device '" + m + "' in site " + site + " for the pool's meters");
                    }
                }
            }
        }
        if (problems.hasErrors() || file.isEmpty()) {
            throw new BillingException(BillingException.Kind.INVALID_FILE, "body", problems.errorCount() + " error(s) in " + name
                    + "; nothing was kept", problems.sorted());
        }
        tariffs.save(new TariffStore.Source(site, name, text, clock.instant(), by));
        return file.get();
    }

    public Optional<TariffStore.Source> tariff(String site) {
        return tariffs.find(site);
    }

    /** Replaces the site's billing accounts: each unit in the registry, once, with fee items of the site's tariff. */
    public List<BillingAccountStore.Stored> replaceAccounts(String site, List<BillingAccountStore.Stored> given) {
        TariffFile tariff = parsedTariff(site);
        Set<String> items = new HashSet<>();
        tariff.items().forEach(i -> items.add(i.id()));
        Map<String, BigDecimal> areas = areas(site);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            BillingAccountStore.Stored a = given.get(i);
            String at = "[" + i + "]";
            if (!areas.containsKey(a.unit())) {
                throw new BillingException(BillingException.Kind.INVALID, at + ".unit", "account " + at + ": no unit '" + a.unit() + "' in site " + site, null);
            }
            if (!seen.add(a.unit())) {
                throw new BillingException(BillingException.Kind.INVALID, at + ".unit", "account " + at + ": unit '" + a.unit() + "' has an account above", null);
            }
            if (a.timeOfUse() && tariff.items().stream().filter(item -> a.feeItems().contains(item.id()))
                    .noneMatch(item -> item.versions().stream().anyMatch(v -> v.timeOfUse() != null))) {
                throw new BillingException(BillingException.Kind.INVALID, at + ".timeOfUse", "account " + at + ": none of its fee items has time-of-use"
                        + " prices in the site's tariff, so opting in changes nothing", null);
            }
            if (new HashSet<>(a.feeItems()).size() != a.feeItems().size()) {
                throw new BillingException(BillingException.Kind.INVALID, at + ".feeItems", "account " + at + ": a fee item is listed twice", null);
            }
            for (String f : a.feeItems()) {
                if (!items.contains(f)) {
                    throw new BillingException(BillingException.Kind.INVALID, at + ".feeItems", "account " + at + ": no fee item '" + f
                            + "' in the site's tariff; items: " + items, null);
                }
            }
        }
        // an occupant who moved in keeps their tenure when the list is sent again with them still paying
        Map<String, BillingAccountStore.Stored> before = new java.util.HashMap<>();
        accounts.list(site).forEach(a -> before.put(a.unit(), a));
        accounts.replace(site, given.stream().map(a -> {
            BillingAccountStore.Stored was = before.get(a.unit());
            return a.movedIn() == null && was != null && was.movedIn() != null && was.payer().equals(a.payer()) ? a.movedIn(was.movedIn()) : a;
        }).toList());
        return accounts.list(site);
    }

    public List<BillingAccountStore.Stored> accounts(String site) {
        return accounts.list(site);
    }

    /** Every account's bill for [from, to) (local dates), computed now from the readings; nothing is kept. */
    public List<UnitBill> preview(String site, ZoneId zone, LocalDate from, LocalDate to) {
        TariffFile tariff = parsedTariff(site);
        List<BillingAccount> list = BillingAccountStore.withAreas(accounts.list(site), areas(site));
        if (list.isEmpty()) {
            throw new BillingException(BillingException.Kind.NOT_FOUND, null, "site " + site + " has no billing accounts; PUT them first", null);
        }
        try {
            return new BillCalculator(usage.forRun()).bills(site, zone, tariff, list, from, to);
        } catch (IllegalArgumentException e) {
            throw new BillingException(BillingException.Kind.INVALID, null, e.getMessage(), null);
        }
    }

    /**
     * A leaving occupant's final bill: from {@code from} (local day) to the move-out instant, metered fees from the
     * readings at that instant, fees by days until the move-out day. Pools (公摊) are not on it: a pool is shared
     * among every unit of a period, which a one-unit bill cannot do; the period's run shares it.
     */
    public UnitBill finalBill(String site, ZoneId zone, BillingAccountStore.Stored stored, LocalDate from, java.time.Instant at) {
        TariffFile tariff = parsedTariff(site);
        Set<String> pools = new java.util.HashSet<>();
        tariff.items().forEach(i -> {
            if (i.kind() == org.lintel.tariff.FeeKind.POOL) {
                pools.add(i.id());
            }
        });
        BillingAccount a = BillingAccountStore.withAreas(List.of(stored), areas(site)).get(0).until(at);
        BillingAccount billed = new BillingAccount(a.unit(), a.payer(), a.area(), a.persons(), a.timeOfUse(),
                a.feeItems().stream().filter(f -> !pools.contains(f)).collect(java.util.stream.Collectors.toSet()), a.periods(), a.tenure());
        LocalDate atDay = at.atZone(zone).toLocalDate();
        LocalDate to = at.equals(atDay.atStartOfDay(zone).toInstant()) ? atDay : atDay.plusDays(1);
        if (!from.isBefore(to)) {
            throw new BillingException(BillingException.Kind.INVALID, "from", "the final bill starts on " + from + ", after the move-out at " + at
                    + "; it starts on the day after the unit was last billed to, on or before the move-out day", null);
        }
        try {
            return new BillCalculator(usage).bills(site, zone, tariff, List.of(billed), from, to).get(0);
        } catch (IllegalArgumentException e) {
            throw new BillingException(BillingException.Kind.INVALID, null, e.getMessage(), null);
        }
    }

    /** Adjustment lines settling earlier estimated bills, per unit, and which of those bills are settled by them. */
    public record TrueUps(Map<String, List<BillLine>> lines, Set<Long> settled) {
    }

    /**
     * Prices the estimated fees of earlier issued bills again from today's readings (see {@link TrueUp}); a unit that
     * no longer has an account is left to the clerk.
     */
    public TrueUps trueUps(String site, ZoneId zone, List<EstimatedBill> earlier) {
        Map<String, List<BillLine>> lines = new java.util.LinkedHashMap<>();
        Set<Long> settled = new HashSet<>();
        if (earlier.isEmpty()) {
            return new TrueUps(lines, settled);
        }
        TariffFile tariff = parsedTariff(site);
        Map<String, BillingAccount> byUnit = new java.util.HashMap<>();
        BillingAccountStore.withAreas(accounts.list(site), areas(site)).forEach(a -> byUnit.put(a.unit(), a));
        TrueUp trueUp = new TrueUp(usage.forRun());
        for (EstimatedBill e : earlier) {
            BillingAccount a = byUnit.get(e.unit());
            if (a == null) {
                continue;
            }
            TrueUp.Result r = trueUp.of(site, zone, tariff, a, e);
            if (r.settled()) {
                settled.add(e.billId());
                lines.computeIfAbsent(e.unit(), u -> new java.util.ArrayList<>()).addAll(r.lines());
            }
        }
        return new TrueUps(lines, settled);
    }

    /** What the site's payment notices say besides the bill (the current tariff file's; defaults without one). */
    public org.lintel.tariff.PaymentNotice notice(String site) {
        return tariffs.find(site).isPresent() ? parsedTariff(site).notice() : org.lintel.tariff.PaymentNotice.DEFAULT;
    }

    /** The late fee of each fee item of the site's current tariff that has one (none without a tariff). */
    public Map<String, org.lintel.tariff.LateFee> lateFees(String site) {
        Map<String, org.lintel.tariff.LateFee> out = new java.util.HashMap<>();
        if (tariffs.find(site).isPresent()) {
            parsedTariff(site).items().stream().filter(i -> i.lateFee() != null).forEach(i -> out.put(i.id(), i.lateFee()));
        }
        return out;
    }

    /** The site's units as bills name them, in the registry's order. */
    public List<Premises> premises(String site) {
        return premises.apply(site);
    }

    private Map<String, BigDecimal> areas(String site) {
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        premises.apply(site).forEach(p -> out.put(p.unit(), p.area()));
        return out;
    }

    private TariffFile parsedTariff(String site) {
        TariffStore.Source s = tariffs.find(site).orElseThrow(() -> new BillingException(BillingException.Kind.NOT_FOUND, null,
                "site " + site + " has no tariff file; PUT /api/v1/sites/" + site + "/tariff first", null));
        Problems p = new Problems();
        return TariffLoader.loadText(s.name(), s.text(), p).orElseThrow(() -> new IllegalStateException("a stored tariff of " + site
                + " no longer reads: " + p));
    }
}
