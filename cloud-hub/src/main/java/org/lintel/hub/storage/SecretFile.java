package org.lintel.hub.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** A generated secret kept in a file only the hub's user can read (folder 700, file 600). */
final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {
    }

    static String readOrCreate(Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path file = folder.resolve(name);
        if (Files.exists(file)) {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!s.isEmpty()) {
                return s;
            }
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        // letters, digits, '-' and '_' only: safe inside SQL quotes and configuration files
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        Path tmp = folder.resolve(name + ".tmp");
        Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return secret;
    }
}
