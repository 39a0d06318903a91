package org.lintel.hub.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.tariff.FeeItem;
import org.lintel.tariff.FeeKind;
import org.lintel.tariff.TariffFile;
import org.lintel.tariff.TariffVersion;

/**
 * The bills of a site's units for one period of local dates: metered fees from the readings, area and fixed fees by
 * the month (a part month by its days), and each pool's cost shared among the units charged for it by largest
 * remainder. Every amount is rounded once, on its printed line.
 */
public final class BillCalculator {

    private final MeteredCharges metered;
    private final UsageSource usage;

    public BillCalculator(UsageSource usage) {
        this.usage = usage;
        this.metered = new MeteredCharges(usage);
    }

    public List<UnitBill> bills(String site, ZoneId zone, TariffFile tariff, List<BillingAccount> all, LocalDate from, LocalDate to) {
        // an occupant who moved in after the period gets no bill for it (their predecessor's final bill covered it)
        List<BillingAccount> accounts = all.stream().filter(a -> a.tenure().from() == null || a.tenure().from().isBefore(to.atStartOfDay(zone).toInstant())).toList();
        Map<String, List<BillLine>> lines = new LinkedHashMap<>();
        Map<String, List<String>> anomalies = new LinkedHashMap<>();
        accounts.forEach(a -> {
            lines.put(a.unit(), new ArrayList<>());
            anomalies.put(a.unit(), new ArrayList<>());
        });
        for (FeeItem item : tariff.items()) {
            List<BillingAccount> charged = accounts.stream().filter(a -> a.charged(item.id(), item.kind() == FeeKind.METERED, zone, from, to).isPresent()).toList();
            if (charged.isEmpty()) {
                continue;
            }
            if (item.kind() == FeeKind.POOL) {
                try {
                    pool(site, zone, item, charged, from, to, anomalies).forEach((unit, line) -> lines.get(unit).add(line));
                } catch (org.lintel.hub.usage.UsageRequestException | org.lintel.hub.usage.NoReadingsException e) {
                    // a pool meter that cannot be read leaves the pool unshared: an anomaly on every bill that shares it
                    charged.forEach(a -> anomalies.get(a.unit()).add(item.id() + ": the pool's usage is unknown (" + e.getMessage() + "); not shared"));
                }
                continue;
            }
            for (BillingAccount a : charged) {
                // the part of the period in which the item applies to this account (all of it, unless it starts or stops inside)
                ChargedPeriod p = a.charged(item.id(), item.kind() == FeeKind.METERED, zone, from, to).orElseThrow();
                lines.get(a.unit()).addAll(switch (item.kind()) {
                    case METERED -> meteredLines(site, zone, item, a, p.from(), p.to(), anomalies.get(a.unit()));
                    case AREA, FIXED -> monthlyLines(item, a, p.from(), p.to());
                    case ONE_OFF -> List.of(new BillLine(item.id(), name(item), BillLine.Kind.ONE_OFF, "一次性 one-off", BigDecimal.ONE, "次",
                            price(item, p.from()), price(item, p.from()), false, item.taxRate(), item.resold(), List.of()));
                    case POOL -> throw new IllegalStateException("pools are shared above");
                });
            }
        }
        return accounts.stream().map(a -> new UnitBill(a.unit(), a.payer(), from, to, lines.get(a.unit()), anomalies.get(a.unit()))).toList();
    }

    /**
     * A unit's metered lines; a fee that cannot be priced (no meter with the point, no readings near a boundary)
     * becomes an anomaly of this unit's bill instead of stopping every other unit's.
     */
    private List<BillLine> meteredLines(String site, ZoneId zone, FeeItem item, BillingAccount a, LocalDate from, LocalDate to, List<String> anomalies) {
        List<BillLine> out = new ArrayList<>();
        List<MeteredLine> charged;
        try {
            charged = (a.tenure().open() ? metered : new MeteredCharges(a.tenure().clamp(usage))).charge(site, zone, item, a.unit(), a.persons(), a.timeOfUse(), from, to);
        } catch (org.lintel.hub.usage.UsageRequestException | org.lintel.hub.usage.NoReadingsException e) {
            anomalies.add(item.id() + ": " + e.getMessage());
            return out;
        }
        for (MeteredLine m : charged) {
            m.consumption().segments().forEach(seg -> seg.anomalies().forEach(x -> anomalies.add(item.id() + " " + seg.device() + ": " + x)));
            String when = m.from() + "–" + m.to();
            List<LineReading> readings = m.consumption().segments().stream().map(seg -> new LineReading(seg.device(), seg.start().at(),
                    seg.start().value(), seg.start().method(), seg.end().at(), seg.end().value(), seg.end().method())).toList();
            if (m.timeOfUse() != null) {
                for (BandPart b : m.timeOfUse().bands()) {
                    out.add(new BillLine(item.id(), name(item), BillLine.Kind.BAND, bandName(b.band()) + " " + when, b.quantity(), item.unit(), b.unitPrice(),
                            b.amount(), m.estimated(), item.taxRate(), item.resold(), readings));
                }
                for (TierPart p : m.timeOfUse().tierAdders()) {
                    out.add(new BillLine(item.id(), name(item), BillLine.Kind.TIER_ADDER, "第" + p.tier() + "档加价 tier " + p.tier() + " adder " + when,
                            p.quantity(), item.unit(), p.unitPrice(), p.amount(), m.estimated(), item.taxRate(), item.resold(), List.of()));
                }
            }
            List<TierPart> tiers = m.tiers();
            for (TierPart p : tiers) {
                out.add(new BillLine(item.id(), name(item), BillLine.Kind.TIER, "第" + p.tier() + "档 tier " + p.tier() + " " + when, p.quantity(), item.unit(),
                        p.unitPrice(), p.amount(), m.estimated(), item.taxRate(), item.resold(), readings));
            }
            for (MeteredLine.SurchargePart s : m.surcharges()) {
                out.add(new BillLine(item.id(), name(item), BillLine.Kind.SURCHARGE, s.name() + " " + when, s.quantity(), item.unit(), s.unitPrice(),
                        s.amount(), m.estimated(), item.taxRate(), item.resold(), List.of()));
            }
        }
        return out;
    }

    /** A band as printed: 峰 peak, 平 flat, 谷 valley, 尖峰 critical peak; another name as the tariff writes it. */
    static String bandName(String band) {
        return switch (band) {
            case "peak" -> "峰段 peak";
            case "flat" -> "平段 flat";
            case "valley" -> "谷段 valley";
            case "critical", "critical-peak", "sharp" -> "尖峰 critical peak";
            default -> band;
        };
    }

    /** The fee's name as printed: Chinese first, the id when the tariff gives none. */
    static String name(FeeItem item) {
        if (item.name() != null && item.name().zh() != null) {
            return item.name().zh();
        }
        return item.name() != null && item.name().en() != null ? item.name().en() : item.id();
    }

    /**
     * Area and fixed fees, one line per calendar month touched: a whole month at the month's price, a part month by
     * its days (area × price × days / days of the month, rounded once).
     */
    private List<BillLine> monthlyLines(FeeItem item, BillingAccount a, LocalDate from, LocalDate to) {
        List<BillLine> out = new ArrayList<>();
        for (LocalDate start = from; start.isBefore(to); ) {
            LocalDate monthEnd = start.withDayOfMonth(1).plusMonths(1);
            LocalDate end = monthEnd.isBefore(to) ? monthEnd : to;
            BigDecimal price = price(item, start);
            int days = (int) ChronoUnit.DAYS.between(start, end);
            int inMonth = YearMonth.from(start).lengthOfMonth();
            boolean whole = days == inMonth;
            BigDecimal base = item.kind() == FeeKind.AREA ? a.area() : BigDecimal.ONE;
            BigDecimal exact = base.multiply(price).multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(inMonth), 10, RoundingMode.HALF_UP);
            String month = YearMonth.from(start).toString();
            String basis = (item.kind() == FeeKind.AREA ? a.area().toPlainString() + " m² × " : "") + month + (whole ? "" : " " + days + "/" + inMonth);
            out.add(new BillLine(item.id(), name(item), item.kind() == FeeKind.AREA ? BillLine.Kind.AREA : BillLine.Kind.FIXED, basis,
                    item.kind() == FeeKind.AREA ? a.area() : BigDecimal.ONE, item.kind() == FeeKind.AREA ? "m²·月" : "月",
                    price, Money.round(whole ? base.multiply(price) : exact), false, item.taxRate(), item.resold(), List.of()));
            start = end;
        }
        return out;
    }

    /**
     * A pool's cost for the period, shared among the units charged for it by floor area, by household or by each
     * unit's own usage of the pool's point in the period; each unit's line says its share.
     */
    private Map<String, BillLine> pool(String site, ZoneId zone, FeeItem item, List<BillingAccount> charged, LocalDate from, LocalDate to,
                                       Map<String, List<String>> anomalies) {
        BigDecimal used = BigDecimal.ZERO;
        boolean estimated = false;
        for (String meter : item.poolMeters()) {
            var c = usage.consumption(site, meter, item.point() != null ? item.point() : "energy.import.total", from.atStartOfDay(zone).toInstant(),
                    to.atStartOfDay(zone).toInstant());
            used = used.add(c.usage());
            estimated |= c.estimated();
        }
        BigDecimal price = price(item, from);
        BigDecimal cost = Money.amount(used, price);
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        String point = item.point() != null ? item.point() : "energy.import.total";
        long days = ChronoUnit.DAYS.between(from, to);
        for (BillingAccount a : charged) {
            ChargedPeriod p = a.charged(item.id(), item.kind() == FeeKind.METERED, zone, from, to).orElseThrow();
            // a unit that shares the pool for part of the period weighs that part of its area or household
            BigDecimal part = BigDecimal.valueOf(ChronoUnit.DAYS.between(p.from(), p.to())).divide(BigDecimal.valueOf(days), 10, RoundingMode.HALF_UP);
            BigDecimal whole = BigDecimal.ONE.compareTo(part) == 0 ? BigDecimal.ONE : part;
            weights.put(a.unit(), switch (item.allocate()) {
                case AREA -> whole.equals(BigDecimal.ONE) ? a.area() : a.area().multiply(whole).stripTrailingZeros();
                case HOUSEHOLDS -> whole.equals(BigDecimal.ONE) ? BigDecimal.ONE : whole.stripTrailingZeros();
                case USAGE -> unitUsage(site, zone, item, point, a, p.from(), p.to(), anomalies);
            });
        }
        BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            // nobody used anything (or nothing could be read): shared equally rather than not at all
            weights.replaceAll((unit, w) -> BigDecimal.ONE);
            total = BigDecimal.valueOf(weights.size());
        }
        Map<String, BigDecimal> shares = Apportionment.byWeights(cost, weights);
        Map<String, BillLine> out = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> s : shares.entrySet()) {
            String basis = "公摊 " + used.toPlainString() + " kWh × " + price.toPlainString() + " = " + cost.toPlainString() + " × "
                    + weights.get(s.getKey()).toPlainString() + "/" + total.toPlainString();
            out.put(s.getKey(), new BillLine(item.id(), name(item), BillLine.Kind.POOL, basis, weights.get(s.getKey()),
                    switch (item.allocate()) {
                        case AREA -> "m²";
                        case HOUSEHOLDS -> "户";
                        case USAGE -> item.unit() != null ? item.unit() : "kWh";
                    }, null, s.getValue(), estimated, item.taxRate(), item.resold(), List.of()));
        }
        return out;
    }

    /** A unit's usage of the pool's point in the period, its weight; unknown usage weighs nothing and is an anomaly. */
    private BigDecimal unitUsage(String site, ZoneId zone, FeeItem item, String point, BillingAccount a, LocalDate from, LocalDate to,
                                 Map<String, List<String>> anomalies) {
        try {
            return a.tenure().clamp(usage).consumption(site, a.unit(), point, from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant()).usage();
        } catch (org.lintel.hub.usage.UsageRequestException | org.lintel.hub.usage.NoReadingsException e) {
            anomalies.get(a.unit()).add(item.id() + ": the unit's usage, its share of the pool, is unknown (" + e.getMessage() + "); shared as 0");
            return BigDecimal.ZERO;
        }
    }

    /** The price of a non-tiered item on {@code day}: the version in effect. */
    static BigDecimal price(FeeItem item, LocalDate day) {
        TariffVersion in = null;
        for (TariffVersion v : item.versions()) {
            if (!v.from().isAfter(day)) {
                in = v;
            }
        }
        if (in == null || in.price() == null) {
            throw new IllegalArgumentException("fee item " + item.id() + " has no price on " + day);
        }
        return in.price();
    }
}
