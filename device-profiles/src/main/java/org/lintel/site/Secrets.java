package org.lintel.site;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:-default}} in site-file values (passwords, pre-shared keys) from the
 * environment at run time, so that secrets never have to be written into a site file.
 */
public final class Secrets {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private final Function<String, String> environment;

    public Secrets(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Resolves from the process environment. */
    public static Secrets fromEnvironment() {
        return new Secrets(System::getenv);
    }

    public static Secrets of(Map<String, String> values) {
        return new Secrets(values::get);
    }

    /**
     * The value with every reference replaced; empty when a referenced variable is unset and has no default, so that
     * the caller can report which device lacks its secret instead of connecting with a wrong one.
     */
    public Optional<String> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = environment.apply(m.group(1));
            if (v == null) {
                v = m.group(3);
            }
            if (v == null) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The names of the variables a value refers to, for messages. */
    public static java.util.List<String> references(String value) {
        java.util.List<String> names = new java.util.ArrayList<>();
        if (value != null) {
            Matcher m = REFERENCE.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
