package org.lintel.hub.billing;

import java.util.List;
import org.lintel.check.Problem;

/**
 * A billing request that cannot be done as asked: {@code field} names the request field at fault (null when none);
 * {@code problems} carries a refused file's problems with their places.
 */
public final class BillingException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, INVALID_FILE, CONFLICT, UNAVAILABLE }

    private final Kind kind;
    private final String field;
    private final List<Problem> problems;

    public BillingException(Kind kind, String field, String message, List<Problem> problems) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public List<Problem> problems() {
        return problems;
    }
}
