package org.lintel.hub.receivables;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.lintel.hub.billing.Money;

/**
 * 收缴率 of one bill run: what its bills charged (with their credit and debit notes), what has been paid towards them
 * and written off so far, and paid ÷ charged as a percentage with two decimals (half up), for the site and per
 * building. A run that charged nothing has no rate (null).
 */
public record CollectionRate(long run, Row site, List<Row> buildings) {

    public record Row(String building, int bills, BigDecimal charged, BigDecimal paid, BigDecimal writtenOff, BigDecimal owed, BigDecimal percent) {
    }

    public static CollectionRate of(long run, Map<String, List<OpenItem>> items, Function<String, String> buildingOf) {
        Map<String, List<OpenItem>> byBuilding = new TreeMap<>();
        List<OpenItem> all = new ArrayList<>();
        items.forEach((unit, list) -> list.stream().filter(i -> i.runId() == run).forEach(i -> {
            all.add(i);
            byBuilding.computeIfAbsent(buildingOf.apply(unit), k -> new ArrayList<>()).add(i);
        }));
        List<Row> buildings = new ArrayList<>();
        byBuilding.forEach((b, list) -> buildings.add(row(b, list)));
        return new CollectionRate(run, row(null, all), List.copyOf(buildings));
    }

    private static Row row(String building, List<OpenItem> items) {
        BigDecimal charged = Money.zero();
        BigDecimal paid = Money.zero();
        BigDecimal written = Money.zero();
        BigDecimal owed = Money.zero();
        for (OpenItem i : items) {
            charged = charged.add(i.billed());
            paid = paid.add(i.paid());
            written = written.add(i.writtenOff());
            owed = owed.add(i.owed().max(BigDecimal.ZERO));
        }
        BigDecimal percent = charged.signum() <= 0 ? null : paid.multiply(BigDecimal.valueOf(100)).divide(charged, 2, RoundingMode.HALF_UP);
        return new Row(building, (int) items.stream().map(OpenItem::billId).distinct().count(), charged, paid, written, owed, percent);
    }
}
