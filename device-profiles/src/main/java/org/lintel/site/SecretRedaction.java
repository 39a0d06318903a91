package org.lintel.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A site file with its secrets taken out, for storing and exporting: the value of every {@code password} and
 * {@code pskKey} becomes {@value #MARK}, except a bare {@code ${VAR}} (which names where the secret is and holds none).
 * Everything else (comments, layout, order) stays as written, so the export still reads like the engineer's file.
 */
public final class SecretRedaction {

    public static final String MARK = "[redacted]";
    private static final Set<String> SECRET_KEYS = Set.of("password", "pskKey");

    private SecretRedaction() {
    }

    /** Is this value what an export wrote in place of a secret? */
    public static boolean isRedacted(String value) {
        return MARK.equals(value);
    }

    /** The text with secrets replaced; text that is not YAML is returned as it is (it was never accepted as a site). */
    public static String redact(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(Integer.MAX_VALUE);
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (YAMLException e) {
            return text;
        }
        List<ScalarNode> secrets = new ArrayList<>();
        collect(root, secrets);
        if (secrets.isEmpty()) {
            return text;
        }
        // marks count code points; the text is rebuilt over its code points
        int[] cps = text.codePoints().toArray();
        secrets.sort(Comparator.comparingInt((ScalarNode n) -> n.getStartMark().getIndex()).reversed());
        StringBuilder out = new StringBuilder(text.length());
        int end = cps.length;
        List<String> pieces = new ArrayList<>();
        for (ScalarNode s : secrets) {
            int from = s.getStartMark().getIndex();
            int to = s.getEndMark().getIndex();
            pieces.add(new String(cps, to, end - to));
            pieces.add("\"" + MARK + "\"");
            end = from;
        }
        out.append(new String(cps, 0, end));
        for (int i = pieces.size() - 1; i >= 0; i--) {
            out.append(pieces.get(i));
        }
        return out.toString();
    }

    private static void collect(Node node, List<ScalarNode> secrets) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && SECRET_KEYS.contains(k.getValue()) && t.getValueNode() instanceof ScalarNode v
                        && v.getValue() != null && !v.getValue().isEmpty() && !bareReference(v.getValue()) && !isRedacted(v.getValue())) {
                    secrets.add(v);
                } else {
                    collect(t.getValueNode(), secrets);
                }
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> collect(n, secrets));
        }
    }

    private static boolean bareReference(String v) {
        return v.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
    }
}
