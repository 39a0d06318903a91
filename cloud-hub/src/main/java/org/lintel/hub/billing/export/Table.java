package org.lintel.hub.billing.export;

import java.util.List;

/**
 * Rows to export under named columns; a cell is a String, a BigDecimal, a LocalDate, a LocalDateTime (the site's
 * local time), a Boolean or null, as its column's type says.
 */
public record Table(String name, List<Column> columns, List<List<Object>> rows) {

    /** How a column's values are written: money with two decimals, quantities and prices as exact as they are. */
    public enum Type { TEXT, NUMBER, MONEY, RATE, DATE, DATETIME, FLAG }

    public record Column(String header, Type type) {
    }

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        for (List<Object> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + name + " has " + r.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }
}
