package org.lintel.hub.usage;

/** A usage question that cannot be answered as asked: {@code field} names what to change (target, point). */
public final class UsageRequestException extends RuntimeException {

    private final String field;

    public UsageRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
