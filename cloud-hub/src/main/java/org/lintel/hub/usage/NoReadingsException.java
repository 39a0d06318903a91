package org.lintel.hub.usage;

/** Usage cannot be calculated because a meter has no good readings at all near a boundary. */
public final class NoReadingsException extends RuntimeException {

    public NoReadingsException(String message) {
        super(message);
    }
}
