package org.lintel.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.lintel.check.Problems;
import org.lintel.check.Suggestions;
import org.lintel.check.Where;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value in a YAML file with its position, converted on demand to the type a field needs. A conversion that
 * fails records a problem naming the field, what was found and what was expected, and yields an empty result.
 */
public final class YamlValue {

    private final YamlFile file;
    private final Node node;
    private final String path;
    private final String subject;
    private final Problems problems;

    YamlValue(YamlFile file, Node node, String path, String subject, Problems problems) {
        this.file = file;
        this.node = node;
        this.path = path;
        this.subject = subject;
        this.problems = problems;
    }

    public Where where() {
        return file.where(node);
    }

    /** The dotted field path, e.g. {@code modbus.count}. */
    public String path() {
        return path;
    }

    public String subject() {
        return subject;
    }

    public YamlFile file() {
        return file;
    }

    public Problems problems() {
        return problems;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()) || (s.getValue().isEmpty() && s.getScalarStyle().getChar() == null));
    }

    /** Records an error about this value. */
    public void error(String message) {
        problems.error(where(), subject, "field '" + path + "': " + message);
    }

    public void warning(String message) {
        problems.warning(where(), subject, "field '" + path + "': " + message);
    }

    private String found() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull()) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** The scalar's text; numbers and booleans are accepted as their written text. */
    public Optional<String> asText() {
        if (node instanceof ScalarNode s && !isNull()) {
            return Optional.of(s.getValue());
        }
        error("expected text, found " + found());
        return Optional.empty();
    }

    /** A whole number, decimal or hexadecimal (0x0048, as register maps print addresses), within [min, max]. */
    public OptionalLong asWhole(long min, long max) {
        if (!(node instanceof ScalarNode s) || isNull()) {
            error("expected a whole number, found " + found());
            return OptionalLong.empty();
        }
        String t = s.getValue().trim().replace("_", "");
        long v;
        try {
            v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            error("expected a whole number, found " + found());
            return OptionalLong.empty();
        }
        if (v < min || v > max) {
            error("must be between " + min + " and " + max + ", found " + v);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v);
    }

    /** An exact decimal number (scales, offsets, limits and prices are never binary floating point here). */
    public Optional<BigDecimal> asDecimal() {
        if (!(node instanceof ScalarNode s) || isNull()) {
            error("expected a number, found " + found());
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(s.getValue().trim().replace("_", "")));
        } catch (NumberFormatException e) {
            error("expected a number, found " + found());
            return Optional.empty();
        }
    }

    public Optional<Boolean> asFlag() {
        if (node instanceof ScalarNode s && !isNull()) {
            String t = s.getValue().trim();
            if (t.equals("true")) {
                return Optional.of(true);
            }
            if (t.equals("false")) {
                return Optional.of(false);
            }
        }
        error("expected true or false, found " + found());
        return Optional.empty();
    }

    public Optional<Duration> asDuration() {
        Optional<String> t = node instanceof ScalarNode && !isNull() ? Optional.of(((ScalarNode) node).getValue()) : Optional.empty();
        Optional<Duration> d = t.flatMap(Durations::parse);
        if (d.isEmpty()) {
            error("expected " + Durations.FORMS + ", found " + found());
        } else if (d.get().isNegative() || d.get().isZero()) {
            error("must be longer than zero, found " + found());
            return Optional.empty();
        }
        return d;
    }

    /** One of a fixed set of words, e.g. a byte order; the message lists the allowed words and the closest one. */
    public <E> Optional<E> asChoice(Map<String, E> words) {
        Optional<String> t = node instanceof ScalarNode && !isNull() ? Optional.of(((ScalarNode) node).getValue().trim()) : Optional.empty();
        if (t.isPresent()) {
            E e = words.get(t.get());
            if (e == null) {
                e = words.get(t.get().toLowerCase(Locale.ROOT));
            }
            if (e != null) {
                return Optional.of(e);
            }
        }
        error("expected one of " + String.join(", ", words.keySet()) + ", found " + found()
                + t.map(w -> Suggestions.didYouMean(w, words.keySet())).orElse(""));
        return Optional.empty();
    }

    public Optional<YamlMap> asMap() {
        if (node instanceof MappingNode m) {
            return Optional.of(new YamlMap(file, m, path, subject, problems));
        }
        error("expected a mapping of 'key: value' lines, found " + found());
        return Optional.empty();
    }

    /** A list; a single value where a list is expected is accepted as a list of one. */
    public List<YamlValue> asList() {
        List<YamlValue> items = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            int i = 0;
            for (Node item : seq.getValue()) {
                items.add(new YamlValue(file, item, path + "[" + i++ + "]", subject, problems));
            }
        } else if (!isNull()) {
            items.add(this);
        }
        return items;
    }

    /** The same value reported under another subject (e.g. once a point's name is known). */
    public YamlValue about(String newSubject) {
        return new YamlValue(file, node, path, newSubject, problems);
    }
}
