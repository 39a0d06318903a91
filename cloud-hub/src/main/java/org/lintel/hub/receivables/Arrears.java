package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.lintel.hub.billing.Money;

/**
 * Arrears by age (账龄) on a day: what each unit owes now, by how long past its due date — not yet due, 1–30, 31–90,
 * 91–180 and more than 180 days — with building and site totals. Ages count from each bill's due date in the site's
 * local days; amounts are what is owed today.
 */
public record Arrears(LocalDate asOf, List<Row> units, List<Row> buildings, Row site) {

    /** The age bands, in order, with their printed names. */
    public static final List<String> BANDS = List.of("未到期 not yet due", "1–30 天 days", "31–90 天 days", "91–180 天 days", "180 天以上 over 180 days");

    /**
     * One row: a unit (with its building), a building, or the site.
     *
     * @param bands     what is owed in each age band, in {@link #BANDS} order
     * @param oldestDue the earliest due date of an open item, or null
     */
    public record Row(String unit, String building, String payer, List<BigDecimal> bands, BigDecimal total, LocalDate oldestDue) {
    }

    public static Arrears of(Map<String, List<OpenItem>> items, Function<String, String> buildingOf, Function<String, String> payerOf, LocalDate asOf) {
        List<Row> units = new ArrayList<>();
        Map<String, List<Row>> byBuilding = new TreeMap<>();
        for (Map.Entry<String, List<OpenItem>> e : items.entrySet()) {
            List<BigDecimal> bands = zeros();
            LocalDate oldest = null;
            for (OpenItem i : e.getValue()) {
                if (!i.open()) {
                    continue;
                }
                int band = band(ChronoUnit.DAYS.between(i.dueOn(), asOf));
                bands.set(band, bands.get(band).add(i.owed()));
                oldest = oldest == null || i.dueOn().isBefore(oldest) ? i.dueOn() : oldest;
            }
            if (oldest == null) {
                continue;
            }
            String building = buildingOf.apply(e.getKey());
            Row r = new Row(e.getKey(), building, payerOf.apply(e.getKey()), List.copyOf(bands), sum(bands), oldest);
            units.add(r);
            byBuilding.computeIfAbsent(building, k -> new ArrayList<>()).add(r);
        }
        List<Row> buildings = new ArrayList<>();
        byBuilding.forEach((b, rows) -> buildings.add(total(null, b, rows)));
        return new Arrears(asOf, List.copyOf(units), List.copyOf(buildings), total(null, null, units));
    }

    /** Days past due → band: not yet due (0 or less), 1–30, 31–90, 91–180, over 180. */
    static int band(long daysPastDue) {
        if (daysPastDue <= 0) {
            return 0;
        }
        return daysPastDue <= 30 ? 1 : daysPastDue <= 90 ? 2 : daysPastDue <= 180 ? 3 : 4;
    }

    private static Row total(String unit, String building, List<Row> rows) {
        List<BigDecimal> bands = zeros();
        LocalDate oldest = null;
        for (Row r : rows) {
            for (int k = 0; k < bands.size(); k++) {
                bands.set(k, bands.get(k).add(r.bands().get(k)));
            }
            oldest = oldest == null || r.oldestDue().isBefore(oldest) ? r.oldestDue() : oldest;
        }
        return new Row(unit, building, null, List.copyOf(bands), sum(bands), oldest);
    }

    private static List<BigDecimal> zeros() {
        List<BigDecimal> out = new ArrayList<>();
        BANDS.forEach(b -> out.add(Money.zero()));
        return out;
    }

    private static BigDecimal sum(List<BigDecimal> bands) {
        return bands.stream().reduce(Money.zero(), BigDecimal::add);
    }

    /** The units' rows by building, for an export. */
    public Map<String, List<Row>> unitsByBuilding() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        units.forEach(r -> out.computeIfAbsent(r.building(), k -> new ArrayList<>()).add(r));
        return out;
    }
}
