package org.lintel.hub.auth;

/**
 * A request about accounts, sessions or tokens that cannot be done as asked; {@code field} names the request field at
 * fault (null when none) and the message says what would be right.
 */
public final class AuthException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, REFUSED }

    private final Kind kind;
    private final String field;

    public AuthException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
