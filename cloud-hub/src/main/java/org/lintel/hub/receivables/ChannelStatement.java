package org.lintel.hub.receivables;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.core.RefusedFile;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A payment channel's daily statement (对账单) as CSV, read into its lines: when, the channel's transaction number,
 * the amount, and the payer's remark, in which a payment notice's reference (B and the bill's id, e.g. B20417) names
 * the bill paid. Headers in Chinese or English: 交易时间/time, 交易单号/transaction, 金额/amount, 备注/remark; the
 * channels' own exports put a backquote before numbers to keep spreadsheets from mangling them, which is dropped.
 */
public final class ChannelStatement {

    /** One line of the statement; {@code bill} is the bill its remark names, if any. */
    public record Line(int line, Instant at, String transaction, BigDecimal amount, String remark, Optional<Long> bill) {
    }

    static final Pattern BILL = Pattern.compile("(?<![A-Za-z0-9])B(\\d{1,15})(?![0-9])");
    private static final Map<String, List<String>> COLUMNS = Map.of("time", List.of("交易时间", "time"), "transaction", List.of("交易单号", "transaction"),
            "amount", List.of("金额", "amount"), "remark", List.of("备注", "remark"));
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
    static final int MOST_LINES = 100_000;

    private ChannelStatement() {
    }

    public static List<Line> read(String name, String text, ZoneId zone) {
        List<String> problems = new ArrayList<>();
        List<Line> out = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true).build();
        try (CSVParser csv = CSVParser.parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text), format)) {
            Map<String, Integer> header = csv.getHeaderMap();
            Map<String, String> column = new java.util.HashMap<>();
            COLUMNS.forEach((key, names) -> names.stream().filter(header::containsKey).findFirst().ifPresent(n -> column.put(key, n)));
            for (String key : List.of("time", "transaction", "amount", "remark")) {
                if (!column.containsKey(key)) {
                    problems.add(name + ":1: no column " + COLUMNS.get(key) + "; the header has " + header.keySet());
                }
            }
            if (!problems.isEmpty()) {
                throw new RefusedFile(name + ": " + problems.size() + " problem(s); nothing was recorded", problems);
            }
            for (CSVRecord r : csv) {
                int line = (int) csv.getCurrentLineNumber(); // the header is line 1
                if (out.size() >= MOST_LINES) {
                    problems.add(name + ":" + line + ": more than " + MOST_LINES + " lines; split the statement by day");
                    break;
                }
                if (!r.isConsistent()) {
                    problems.add(name + ":" + line + ": " + r.size() + " cells for " + header.size() + " columns");
                    continue;
                }
                String transaction = clean(r.get(column.get("transaction")));
                if (transaction.isEmpty() || transaction.length() > 100) {
                    problems.add(name + ":" + line + ": column " + column.get("transaction") + ": the channel's transaction number, 1 to 100 characters");
                }
                BigDecimal amount = null;
                String a = clean(r.get(column.get("amount")));
                try {
                    amount = new BigDecimal(a.replace(",", ""));
                    if (amount.signum() <= 0 || amount.scale() > 2) {
                        problems.add(name + ":" + line + ": column " + column.get("amount") + ": money received in yuan and fen above 0, e.g. 548.00;"
                                + " found " + a + " (refunds are not imported)");
                    }
                } catch (NumberFormatException e) {
                    problems.add(name + ":" + line + ": column " + column.get("amount") + ": '" + shorten(a) + "' is not an amount such as 548.00");
                }
                Instant at = null;
                String t = clean(r.get(column.get("time")));
                try {
                    at = t.endsWith("Z") || t.contains("+") ? Instant.parse(t) : LocalDateTime.parse(t, LOCAL).atZone(zone).toInstant();
                } catch (DateTimeParseException e) {
                    problems.add(name + ":" + line + ": column " + column.get("time") + ": '" + shorten(t) + "' is not a time such as 2026-12-03 10:15:00");
                }
                String remark = clean(r.get(column.get("remark")));
                Matcher m = BILL.matcher(remark.toUpperCase(Locale.ROOT));
                Optional<Long> bill = m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
                out.add(new Line(line, at, transaction, amount, remark, bill));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(name + ": not CSV with a header row: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new RefusedFile(name + ": " + problems.size() + " problem(s); nothing was recorded", problems);
        }
        return out;
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip().replaceFirst("^`", "");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
