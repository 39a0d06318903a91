package org.lintel.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lintel.check.Problems;
import org.lintel.i18n.Label;
import org.lintel.i18n.LabelReader;
import org.lintel.profile.Words;
import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/**
 * Reads a tariff file (docs/billing.md, "Tariff file"), reporting every mistake at its line and column: what each
 * kind of fee needs, tiers whose bounds rise and whose prices number one more than the bounds, versions in date order,
 * time-of-use windows that cover each minute of the day once with a price for each band.
 */
public final class TariffReader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Map<String, FeeKind> KINDS = Words.of(FeeKind.class);
    private static final Map<String, TierSpec.Period> PERIODS = Words.of(TierSpec.Period.class);
    private static final Map<String, FeeItem.Allocation> ALLOCATIONS = Words.of(FeeItem.Allocation.class);

    private TariffReader() {
    }

    /** A file is a tariff file when its top level has {@code feeItems}. */
    public static boolean isTariff(YamlMap root) {
        return root.has("feeItems");
    }

    public static Optional<TariffFile> read(YamlMap root, Problems problems) {
        Optional<String> site = root.requiredText("site", "the id of the site these fees apply to");
        String currency = root.text("currency").orElse("CNY");
        if (!currency.equals("CNY")) {
            root.error("currency", "only CNY is supported; found '" + currency + "'");
        }
        List<FeeItem> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (!root.has("feeItems")) {
            root.missing("feeItems", "the list of the site's fee items");
        }
        for (YamlMap raw : root.maps("feeItems")) {
            item(raw).ifPresent(i -> {
                if (!ids.add(i.id())) {
                    raw.error("id", "fee item '" + i.id() + "' is already defined above");
                } else {
                    items.add(i);
                }
            });
        }
        PaymentNotice notice = root.map("notice").map(TariffReader::notice).orElse(PaymentNotice.DEFAULT);
        root.rejectUnknownKeys();
        return site.map(s -> new TariffFile(s, currency, items, notice, root.file().name()));
    }

    private static PaymentNotice notice(YamlMap n) {
        int due = (int) n.whole("dueDays", 0, 90).orElse(PaymentNotice.DEFAULT.dueDays());
        List<Label> channels = new ArrayList<>();
        for (YamlMap c : n.maps("channels")) {
            channels.add(new Label(c.text("en").orElse(null), c.text("zh").orElse(null)));
            c.rejectUnknownKeys();
        }
        Label contact = n.has("contact") ? LabelReader.read(n, "contact") : Label.NONE;
        n.rejectUnknownKeys();
        return new PaymentNotice(due, channels, contact);
    }

    private static LateFee lateFee(YamlMap l) {
        int grace = (int) l.whole("graceDays", 0, 365).orElse(0);
        BigDecimal rate = l.decimal("dailyRate").orElse(null);
        if (rate == null) {
            l.missing("dailyRate", "the share of the unpaid amount charged per day late, e.g. 0.0005 (万分之五)");
        } else if (rate.signum() <= 0 || rate.compareTo(new BigDecimal("0.01")) > 0) {
            l.error("dailyRate", "a daily rate is above 0 and at most 0.01 (1 % a day); found " + rate.toPlainString());
        }
        BigDecimal share = null;
        BigDecimal amount = null;
        Optional<YamlMap> cap = l.map("cap");
        if (cap.isPresent()) {
            YamlMap c = cap.get();
            share = c.decimal("share").orElse(null);
            if (share != null && (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0)) {
                c.error("share", "a cap as a share of the fee is above 0 and at most 1, e.g. 0.3; found " + share.toPlainString());
            }
            amount = c.decimal("amount").orElse(null);
            if (amount != null && (amount.signum() <= 0 || amount.scale() > 2)) {
                c.error("amount", "a cap in CNY is above 0 in yuan and fen, e.g. 200.00; found " + amount.toPlainString());
            }
            if (share == null && amount == null) {
                c.missing("share", "a cap as a share of the fee (share: 0.3), in CNY (amount: 200.00), or both");
            }
            c.rejectUnknownKeys();
        } else {
            // a contract's late fee without any cap is what courts cut; say so rather than accept it silently
            l.missing("cap", "a cap: {share: 0.3} of the fee, {amount: 200.00} CNY, or both (民法典 §585: a court may reduce a 违约金 far above the loss)");
        }
        Integer stop = l.has("stopAfterDays") ? (int) l.whole("stopAfterDays", 1, 3650).orElse(0) : null;
        boolean compound = l.flag("compound").orElse(false);
        String clause = l.text("clause").orElse(null);
        if (clause == null) {
            l.missing("clause", "where the contract provides for the late fee, e.g. \"物业服务合同第十二条\"; without it no late fee may be charged");
        }
        l.rejectUnknownKeys();
        return new LateFee(grace, rate == null ? BigDecimal.ZERO : rate, share, amount, stop, compound, clause);
    }

    private static Optional<FeeItem> item(YamlMap raw) {
        Optional<String> id = raw.requiredText("id", "the fee item's id, e.g. electricity");
        id.filter(i -> !ID.matcher(i).matches()).ifPresent(i -> raw.error("id", "'" + i + "' is not a valid id; use letters, digits, '.', '-' and '_'"));
        YamlMap m = raw.about("fee item " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        Optional<FeeKind> kind = m.requiredChoice("kind", KINDS);
        String point = m.text("point").orElse(null);
        String unit = m.text("unit").orElse(null);
        List<String> meters = new ArrayList<>();
        m.value("meters").ifPresent(v -> v.asList().forEach(x -> x.asText().ifPresent(meters::add)));
        FeeItem.Allocation allocate = m.choice("allocate", ALLOCATIONS).orElse(null);
        boolean resold = m.flag("resold").orElse(false);
        BigDecimal taxRate = m.decimal("taxRate").orElse(null);
        if (taxRate != null && (taxRate.signum() < 0 || taxRate.compareTo(new BigDecimal("0.5")) > 0)) {
            m.error("taxRate", "a VAT rate is a fraction between 0 and 0.5, e.g. 0.13 for 13 %; found " + taxRate.toPlainString());
        }
        if (resold && kind.isPresent() && kind.get() != FeeKind.METERED && kind.get() != FeeKind.POOL) {
            m.error("resold", "only a metered or pool fee item is resold power (转供电)");
        }
        if (kind.isPresent()) {
            FeeKind k = kind.get();
            if (k == FeeKind.METERED && point == null) {
                m.missing("point", "the canonical point billed, e.g. energy.import.total");
            }
            if (k == FeeKind.METERED && unit == null) {
                m.missing("unit", "the unit the prices are per, e.g. kWh");
            }
            if (k == FeeKind.POOL && meters.isEmpty()) {
                m.missing("meters", "the meters whose usage the pool shares, e.g. [b1-lift-1-em]");
            }
            if (k == FeeKind.POOL && allocate == null) {
                m.missing("allocate", "how the pool is shared: area, households or usage");
            }
            if (k != FeeKind.POOL && (m.has("meters") || m.has("allocate"))) {
                m.error(m.has("meters") ? "meters" : "allocate", "only a pool has 'meters' and 'allocate'");
            }
        }
        Optional<LateFee> lateFee = m.map("lateFee").map(TariffReader::lateFee);
        List<TariffVersion> versions = new ArrayList<>();
        if (!m.has("versions")) {
            m.missing("versions", "the prices, each from a date: [{from: 2026-01-01, ...}]");
        }
        LocalDate previous = null;
        for (YamlMap v : m.maps("versions")) {
            Optional<TariffVersion> version = version(v, kind.orElse(null));
            if (version.isPresent()) {
                if (previous != null && !version.get().from().isAfter(previous)) {
                    v.error("from", "versions are in date order; " + version.get().from() + " is not after " + previous);
                }
                previous = version.get().from();
                versions.add(version.get());
            }
        }
        m.rejectUnknownKeys();
        if (id.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FeeItem(id.get(), name, kind.get(), point, unit, versions, meters, allocate, resold, taxRate, lateFee.orElse(null),
                raw.where()));
    }

    private static Optional<TariffVersion> version(YamlMap v, FeeKind kind) {
        Optional<LocalDate> from = v.requiredText("from", "the local date the prices take effect, e.g. 2026-01-01").flatMap(t -> date(v, t));
        BigDecimal price = v.decimal("price").orElse(null);
        if (price != null && price.signum() < 0) {
            v.error("price", "a price is not negative; found " + price);
        }
        TierSpec tiers = v.map("tiers").map(TariffReader::tiers).orElse(null);
        TouSpec tou = v.map("timeOfUse").map(t -> timeOfUse(t, tiers)).orElse(null);
        List<Surcharge> surcharges = new ArrayList<>();
        for (YamlMap s : v.maps("surcharges")) {
            Label name = LabelReader.read(s, "name");
            s.decimal("price").ifPresentOrElse(p -> surcharges.add(new Surcharge(name, p)), () -> s.missing("price", "yuan per unit"));
            s.rejectUnknownKeys();
        }
        if (kind != null) {
            boolean metered = kind == FeeKind.METERED;
            if (metered && price == null && tiers == null) {
                v.missing("price", "a flat unit price, or 'tiers'");
            }
            if (metered && price != null && tiers != null) {
                v.error("price", "a metered fee has a flat 'price' or 'tiers', not both");
            }
            if ((kind == FeeKind.AREA || kind == FeeKind.FIXED || kind == FeeKind.ONE_OFF) && price == null) {
                v.missing("price", kind == FeeKind.AREA ? "yuan per m² and month" : kind == FeeKind.FIXED ? "yuan per month" : "yuan, charged once");
            }
            if (!metered && (tiers != null || tou != null || !surcharges.isEmpty())) {
                v.error(tiers != null ? "tiers" : tou != null ? "timeOfUse" : "surcharges", "only a metered fee has tiers, time of use or surcharges");
            }
        }
        v.rejectUnknownKeys();
        return from.map(f -> new TariffVersion(f, price, tiers, tou, surcharges, v.where()));
    }

    private static TierSpec tiers(YamlMap t) {
        TierSpec.Period period = t.choice("period", PERIODS).orElse(TierSpec.Period.BILL);
        List<BigDecimal> bounds = decimals(t, "bounds");
        List<BigDecimal> prices = decimals(t, "prices");
        if (!t.has("prices")) {
            t.missing("prices", "one price per tier, e.g. [0.4883, 0.5383, 0.7883]");
        }
        rising(t, "bounds", bounds);
        if (!prices.isEmpty() && prices.size() != bounds.size() + 1) {
            t.error("prices", prices.size() + " prices for " + bounds.size() + " bounds; a tier schedule has one price more than bounds");
        }
        prices.stream().filter(p -> p.signum() < 0).findFirst().ifPresent(p -> t.error("prices", "a price is not negative; found " + p));
        List<TierSpec.Season> seasons = new ArrayList<>();
        Set<Integer> monthsSeen = new HashSet<>();
        for (YamlMap s : t.maps("seasons")) {
            List<Integer> months = new ArrayList<>();
            s.value("months").ifPresent(v -> v.asList().forEach(x -> x.asWhole(1, 12).ifPresent(n -> {
                if (!monthsSeen.add((int) n)) {
                    x.error("month " + n + " is already in another season");
                }
                months.add((int) n);
            })));
            if (months.isEmpty()) {
                s.missing("months", "the months (1–12) these bounds apply in");
            }
            List<BigDecimal> sb = decimals(s, "bounds");
            rising(s, "bounds", sb);
            if (sb.size() != bounds.size()) {
                s.error("bounds", sb.size() + " bounds, but the tiers have " + bounds.size() + "; a season changes the bounds, not their number");
            }
            s.rejectUnknownKeys();
            seasons.add(new TierSpec.Season(months, sb));
        }
        Integer basePersons = null;
        BigDecimal perPerson = null;
        Optional<YamlMap> household = t.map("household");
        if (household.isPresent()) {
            YamlMap h = household.get();
            basePersons = (int) h.requiredWhole("basePersons", 1, 20).orElse(1);
            perPerson = h.decimal("perPerson").orElse(null);
            if (perPerson == null || perPerson.signum() <= 0) {
                h.missing("perPerson", "how much each bound rises per person above basePersons");
            }
            h.rejectUnknownKeys();
        }
        t.rejectUnknownKeys();
        return new TierSpec(period, bounds, prices, seasons, basePersons, perPerson);
    }

    private static TouSpec timeOfUse(YamlMap t, TierSpec tiers) {
        List<TouSpec.Window> windows = new ArrayList<>();
        for (YamlMap w : t.maps("windows")) {
            Optional<String> band = w.requiredText("band", "the band's name, e.g. peak");
            Optional<LocalTime> from = w.requiredText("from", "a local time, e.g. 08:00").flatMap(x -> time(w, "from", x));
            Optional<LocalTime> to = w.requiredText("to", "a local time, e.g. 11:00").flatMap(x -> time(w, "to", x));
            w.rejectUnknownKeys();
            if (band.isPresent() && from.isPresent() && to.isPresent()) {
                windows.add(new TouSpec.Window(band.get(), from.get(), to.get()));
            }
        }
        if (windows.isEmpty()) {
            t.missing("windows", "the bands' windows, e.g. [{band: peak, from: \"08:00\", to: \"11:00\"}, …]");
        } else {
            for (int minute = 0; minute < 24 * 60; minute++) {
                LocalTime at = LocalTime.of(minute / 60, minute % 60);
                long n = windows.stream().filter(w -> w.covers(at)).count();
                if (n != 1) {
                    t.error("windows", "the windows must cover every minute of the day once; " + at + " is in " + n);
                    break;
                }
            }
        }
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        t.map("prices").ifPresentOrElse(p -> {
            for (Map.Entry<String, YamlValue> e : p.entries()) {
                e.getValue().asDecimal().ifPresent(d -> prices.put(e.getKey(), d));
            }
        }, () -> t.missing("prices", "a price per band, e.g. {peak: 0.83, flat: 0.52, valley: 0.27}"));
        windows.stream().map(TouSpec.Window::band).distinct().filter(b -> !prices.containsKey(b)).findFirst()
                .ifPresent(b -> t.error("prices", "band '" + b + "' has windows but no price"));
        List<BigDecimal> adders = decimals(t, "tierAdders");
        int tierCount = tiers == null ? 1 : tiers.bounds().size() + 1;
        if (!adders.isEmpty() && adders.size() != tierCount) {
            t.error("tierAdders", adders.size() + " adders for " + tierCount + " tiers; one per tier, the first usually 0");
        }
        t.rejectUnknownKeys();
        return new TouSpec(windows, prices, adders);
    }

    private static List<BigDecimal> decimals(YamlMap m, String key) {
        List<BigDecimal> out = new ArrayList<>();
        m.value(key).ifPresent(v -> v.asList().forEach(x -> x.asDecimal().ifPresent(out::add)));
        return out;
    }

    private static void rising(YamlMap m, String key, List<BigDecimal> bounds) {
        for (int i = 0; i < bounds.size(); i++) {
            if (bounds.get(i).signum() <= 0 || i > 0 && bounds.get(i).compareTo(bounds.get(i - 1)) <= 0) {
                m.error(key, "bounds rise and are positive; " + bounds.get(i) + " follows " + (i == 0 ? "0" : bounds.get(i - 1)));
                return;
            }
        }
    }

    private static Optional<LocalDate> date(YamlMap m, String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            m.error("from", "'" + text + "' is not a date; write 2026-01-01");
            return Optional.empty();
        }
    }

    private static Optional<LocalTime> time(YamlMap m, String key, String text) {
        if (text.equals("24:00")) {
            return Optional.of(LocalTime.MIDNIGHT);
        }
        try {
            return Optional.of(LocalTime.parse(text));
        } catch (DateTimeParseException e) {
            m.error(key, "'" + text + "' is not a time of day; write 08:00 (quoted, since YAML reads 08:00 as a number of minutes otherwise)");
            return Optional.empty();
        }
    }
}
