package org.lintel.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lintel.check.Problems;
import org.lintel.check.Where;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A YAML configuration file read into a node tree that keeps the line and column of every value, so that every
 * later check can point at the exact place of a mistake.
 */
public final class YamlFile {

    /**
     * Tags only null: every other scalar is read as text and converted by {@link YamlValue} (which reports a wrong
     * number with its place), so SnakeYAML's regular expressions for booleans, numbers and dates need not run on each
     * of a large site's scalars (they cost a tenth of the time).
     */
    static final class NullOnlyResolver extends org.yaml.snakeyaml.resolver.Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
        }
    }

    /** The largest file read: far above any community's site file, small enough to stop a memory attack. */
    public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private final String name;

    private YamlFile(String name) {
        this.name = name;
    }

    /** The file name as shown in messages. */
    public String name() {
        return name;
    }

    public Where where(Node node) {
        Mark m = node.getStartMark();
        return m == null ? Where.wholeFile(name) : new Where(name, m.getLine() + 1, m.getColumn() + 1);
    }

    /** Reads a file from disk; syntax errors and unreadable files become problems, never exceptions. */
    public static Optional<YamlMap> read(Path path, String displayName, Problems problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.error(Where.wholeFile(displayName), null, "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        return TextDecoding.decode(bytes, displayName, problems).flatMap(text -> parse(displayName, new StringReader(text), problems));
    }

    /**
     * Parses one YAML document whose top level must be a mapping.
     *
     * @param displayName the name shown in messages, e.g. {@code profiles/eastron-sdm630.yaml}
     */
    public static Optional<YamlMap> parse(String displayName, Reader text, Problems problems) {
        YamlFile file = new YamlFile(displayName);
        LoaderOptions options = new LoaderOptions();
        // Duplicate keys are reported by YamlMap with both positions; SnakeYAML's check only knows one.
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(50);
        // SnakeYAML's default of 3 MB is below a large community's site file (1,000 flats are about 1 MB)
        options.setCodePointLimit(MAX_CODE_POINTS);
        Node root;
        try {
            root = new Yaml(new org.yaml.snakeyaml.constructor.Constructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options, new NullOnlyResolver()).compose(text);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Where where = m == null ? Where.wholeFile(displayName) : new Where(displayName, m.getLine() + 1, m.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.error(where, null, "not valid YAML: " + what
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            return Optional.empty();
        } catch (YAMLException e) {
            if (String.valueOf(e.getMessage()).contains("exceeds the limit")) {
                problems.error(Where.wholeFile(displayName), null, "the file is too large: at most " + MAX_CODE_POINTS / (1024 * 1024)
                        + " MB of text is read; split the community into several site files");
                return Optional.empty();
            }
            problems.error(Where.wholeFile(displayName), null, "not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null) {
            problems.error(Where.wholeFile(displayName), null, "the file is empty");
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.error(file.where(root), null, "the top level must be a mapping of 'key: value' lines");
            return Optional.empty();
        }
        return Optional.of(new YamlMap(file, mapping, "", null, problems));
    }
}
