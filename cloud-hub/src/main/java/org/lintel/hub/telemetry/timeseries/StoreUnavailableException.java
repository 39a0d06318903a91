package org.lintel.hub.telemetry.timeseries;

/** The store could not make points durable now; the caller keeps them and tries again. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
