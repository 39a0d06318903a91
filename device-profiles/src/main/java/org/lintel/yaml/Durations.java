package org.lintel.yaml;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations engineers write in profiles and site files: {@code 500ms}, {@code 5s}, {@code 15m}, {@code 1h}, {@code 1d} or ISO-8601. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    /** The longest duration anything here is given (ten years): longer ones are typing mistakes, and overflow arithmetic. */
    public static final Duration LONGEST = Duration.ofDays(3650);
    public static final String FORMS = "a duration such as 500ms, 5s, 15m, 1h or 1d, at most 3650d";

    private Durations() {
    }

    /** The duration written, or empty when it is not one of {@link #FORMS} or longer than {@link #LONGEST}. */
    public static Optional<Duration> parse(String text) {
        return parseAny(text).filter(d -> d.compareTo(LONGEST) <= 0);
    }

    private static Optional<Duration> parseAny(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            if (m.group(1).length() > 12) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(t));
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
