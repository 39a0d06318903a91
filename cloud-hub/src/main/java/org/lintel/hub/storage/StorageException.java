package org.lintel.hub.storage;

/** PostgreSQL failed under a store: the message says what was being done; the cause is kept for the log. */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
