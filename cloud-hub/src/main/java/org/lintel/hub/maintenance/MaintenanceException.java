package org.lintel.hub.maintenance;

/** A request the maintenance domain refuses, with the request field at fault when there is one. */
public final class MaintenanceException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;

    public MaintenanceException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static MaintenanceException invalid(String field, String message) {
        return new MaintenanceException(Kind.INVALID, field, message);
    }

    public static MaintenanceException notFound(String message) {
        return new MaintenanceException(Kind.NOT_FOUND, null, message);
    }

    public static MaintenanceException conflict(String message) {
        return new MaintenanceException(Kind.CONFLICT, null, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
