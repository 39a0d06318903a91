package org.lintel.check;

import java.util.Objects;

/**
 * One thing wrong in a configuration file, located precisely enough for an engineer to fix it:
 * {@code sdm630.yaml:42:7: point voltage.l1: float32 needs 2 registers, count is 1}.
 *
 * @param file    the file as the engineer named it (line and column are 1-based; 0 means "the whole file")
 * @param subject what the problem is about, e.g. {@code point voltage.l1} or {@code device b1-101-em}
 * @param message what is wrong and, where possible, what would be right
 */
public record Problem(Severity severity, String file, int line, int column, String subject, String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one-line form printed by the validator and returned by the hub's API. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line).append(':').append(column);
        }
        b.append(": ");
        if (severity == Severity.WARNING) {
            b.append("warning: ");
        }
        if (subject != null && !subject.isEmpty()) {
            b.append(subject).append(": ");
        }
        return b.append(message).toString();
    }
}
