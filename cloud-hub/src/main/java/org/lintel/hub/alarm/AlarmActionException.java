package org.lintel.hub.alarm;

/** A person's action on an alarm is not possible in its present state; the message says why. */
public final class AlarmActionException extends RuntimeException {

    public AlarmActionException(String message) {
        super(message);
    }
}
