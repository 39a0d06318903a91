package org.lintel.hub.backup;

/** A backup or restore that cannot go on, with what to do about it; nothing half done is left in its place. */
public final class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }
}
