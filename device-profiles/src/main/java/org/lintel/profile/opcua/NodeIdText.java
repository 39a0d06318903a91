package org.lintel.profile.opcua;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses node ids as written in profiles: {@code nsu=<uri>;s=<id>}, or {@code s=<id>} with the profile's namespace. */
public final class NodeIdText {

    /** The parts of a node id. */
    public record Parts(String namespaceUri, String type, String identifier) {
    }

    private static final Pattern FULL = Pattern.compile("nsu=([^;]+);([sigb])=(.+)");
    private static final Pattern SHORT = Pattern.compile("([sigb])=(.+)");
    private static final Pattern BY_INDEX = Pattern.compile("ns=\\d+;.*");

    private NodeIdText() {
    }

    public static boolean usesIndex(String text) {
        return BY_INDEX.matcher(text.trim()).matches();
    }

    public static Optional<Parts> parse(String text, String defaultNamespace) {
        String t = text.trim();
        Matcher m = FULL.matcher(t);
        if (m.matches()) {
            return Optional.of(new Parts(m.group(1), m.group(2), m.group(3)));
        }
        m = SHORT.matcher(t);
        if (m.matches() && defaultNamespace != null) {
            if (m.group(1).equals("i") && !m.group(2).matches("\\d+")) {
                return Optional.empty();
            }
            return Optional.of(new Parts(defaultNamespace, m.group(1), m.group(2)));
        }
        return Optional.empty();
    }
}
