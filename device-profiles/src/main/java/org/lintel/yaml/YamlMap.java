package org.lintel.yaml;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.lintel.check.Problems;
import org.lintel.check.Suggestions;
import org.lintel.check.Where;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping read field by field. Every field a reader asks for is remembered, so that {@link #rejectUnknownKeys()}
 * can name each key nobody asked for (usually a typo) with the closest known key. Duplicate keys are reported with
 * both positions when the mapping is opened.
 */
public final class YamlMap {

    private final YamlFile file;
    private final MappingNode node;
    private final String path;
    private final String subject;
    private final Problems problems;
    private final Map<String, NodeTuple> entries;
    private final Set<String> known;

    YamlMap(YamlFile file, MappingNode node, String path, String subject, Problems problems) {
        this.file = file;
        this.node = node;
        this.path = path;
        this.subject = subject;
        this.problems = problems;
        this.entries = new LinkedHashMap<>();
        this.known = new LinkedHashSet<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                problems.error(file.where(k), subject, "keys must be plain words, found a " + k.getNodeId());
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key, t);
            if (first != null) {
                problems.error(file.where(k), subject, "field '" + qualified(key) + "' appears twice (first at line "
                        + file.where(first.getKeyNode()).line() + "); keep one");
            }
        }
    }

    public YamlFile file() {
        return file;
    }

    public Problems problems() {
        return problems;
    }

    public String subject() {
        return subject;
    }

    public Where where() {
        return file.where(node);
    }

    /** The position of a key's value, or of this mapping when the key is absent. */
    public Where whereOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? where() : file.where(t.getValueNode());
    }

    /**
     * This mapping reported under another subject, e.g. {@code point voltage.l1} once the name has been read; field
     * paths then start again from this mapping ({@code modbus.count}, not {@code points[3].modbus.count}).
     */
    public YamlMap about(String newSubject) {
        return new YamlMap(this, newSubject);
    }

    private YamlMap(YamlMap other, String newSubject) {
        this.file = other.file;
        this.node = other.node;
        this.path = "";
        this.subject = newSubject;
        this.problems = other.problems;
        // Shared on purpose: fields read through either view count as known for rejectUnknownKeys().
        this.entries = other.entries;
        this.known = other.known;
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys as written, in file order. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** A field's value; marks the key as known. */
    public Optional<YamlValue> value(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            return Optional.empty();
        }
        YamlValue v = new YamlValue(file, t.getValueNode(), qualified(key), subject, problems);
        return v.isNull() ? Optional.empty() : Optional.of(v);
    }

    /** Every entry as a value, for mappings whose keys are names chosen by the engineer (poll groups, states). */
    public List<Map.Entry<String, YamlValue>> entries() {
        List<Map.Entry<String, YamlValue>> out = new ArrayList<>();
        entries.forEach((k, t) -> {
            known.add(k);
            out.add(Map.entry(k, new YamlValue(file, t.getValueNode(), qualified(k), subject, problems)));
        });
        return out;
    }

    /** The position of a key itself (for problems about the key, not its value). */
    public Where whereKey(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? where() : file.where(t.getKeyNode());
    }

    private Optional<YamlValue> required(String key, String expected) {
        Optional<YamlValue> v = value(key);
        if (v.isEmpty()) {
            missing(key, expected);
        }
        return v;
    }

    /** Reports a missing required field at this mapping's position. */
    public void missing(String key, String expected) {
        problems.error(where(), subject, "field '" + qualified(key) + "' is missing; expected " + expected);
    }

    public void error(String key, String message) {
        problems.error(whereOf(key), subject, "field '" + qualified(key) + "': " + message);
    }

    public void warning(String key, String message) {
        problems.warning(whereOf(key), subject, "field '" + qualified(key) + "': " + message);
    }

    public void error(String message) {
        problems.error(where(), subject, message);
    }

    public Optional<String> text(String key) {
        return value(key).flatMap(YamlValue::asText);
    }

    public Optional<String> requiredText(String key, String expected) {
        return required(key, expected).flatMap(YamlValue::asText);
    }

    public OptionalLong whole(String key, long min, long max) {
        Optional<YamlValue> v = value(key);
        return v.isPresent() ? v.get().asWhole(min, max) : OptionalLong.empty();
    }

    public OptionalLong requiredWhole(String key, long min, long max) {
        Optional<YamlValue> v = required(key, "a whole number from " + min + " to " + max);
        return v.isPresent() ? v.get().asWhole(min, max) : OptionalLong.empty();
    }

    public Optional<BigDecimal> decimal(String key) {
        return value(key).flatMap(YamlValue::asDecimal);
    }

    public Optional<Boolean> flag(String key) {
        return value(key).flatMap(YamlValue::asFlag);
    }

    public Optional<Duration> duration(String key) {
        return value(key).flatMap(YamlValue::asDuration);
    }

    public <E> Optional<E> choice(String key, Map<String, E> words) {
        return value(key).flatMap(v -> v.asChoice(words));
    }

    public <E> Optional<E> requiredChoice(String key, Map<String, E> words) {
        return required(key, "one of " + String.join(", ", words.keySet())).flatMap(v -> v.asChoice(words));
    }

    public Optional<YamlMap> map(String key) {
        return value(key).flatMap(YamlValue::asMap);
    }

    public Optional<YamlMap> requiredMap(String key, String expected) {
        return required(key, expected).flatMap(YamlValue::asMap);
    }

    /** A list of mappings, e.g. a profile's points; items that are not mappings are reported and skipped. */
    public List<YamlMap> maps(String key) {
        List<YamlMap> out = new ArrayList<>();
        value(key).ifPresent(v -> v.asList().forEach(item -> item.asMap().ifPresent(out::add)));
        return out;
    }

    /**
     * Reports every key that no reader asked for, with the closest known key as a hint. Call after all fields of this
     * mapping were read.
     */
    public void rejectUnknownKeys() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.error(file.where(e.getValue().getKeyNode()), subject, "field '" + qualified(e.getKey())
                        + "' is not known here" + Suggestions.didYouMean(e.getKey(), known)
                        + (Suggestions.closest(e.getKey(), known).isEmpty() ? " (known: " + String.join(", ", known) + ")" : ""));
            }
        }
    }
}
