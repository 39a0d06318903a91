package org.lintel.profile;

/** Whether the gateway may read a point, write it, or both. */
public enum Access {
    READ,
    WRITE,
    READWRITE;

    public boolean canRead() {
        return this != WRITE;
    }

    public boolean canWrite() {
        return this != READ;
    }
}
