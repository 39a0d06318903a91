package org.lintel.hub.oncall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The key that signs acknowledgement links: made once and kept in the data folder, readable by the hub's user only. */
public final class AckLinkKey {

    private AckLinkKey() {
    }

    public static byte[] readOrCreate(Path data) {
        Path file = data.resolve("ack-link.key");
        try {
            if (Files.isRegularFile(file)) {
                try {
                    byte[] key = HexFormat.of().parseHex(Files.readString(file).trim());
                    if (key.length >= 32) {
                        return key;
                    }
                } catch (IllegalArgumentException notHex) {
                    // reported below with what to do
                }
                throw new IllegalStateException(file + " is not an acknowledgement-link key (64 hexadecimal digits); delete it and a new"
                        + " key is made at the next start (links already sent then stop working)");
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(data);
            try {
                // created readable by the hub's user only from the start, not narrowed afterwards
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // a file system without POSIX permissions: the folder's own protection applies
            }
            Files.writeString(file, HexFormat.of().formatHex(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the acknowledgement-link key " + file + ": " + e.getMessage(), e);
        }
    }
}
