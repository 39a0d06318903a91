package org.lintel.hub.registry;

/** The registry could not do what was asked; the message says what and why. */
public final class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
