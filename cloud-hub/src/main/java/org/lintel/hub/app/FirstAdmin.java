package org.lintel.hub.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The first admin's token: the configured one, or one made at the first start and written to the data folder. */
final class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private FirstAdmin() {
    }

    /** The admin token created or configured at this start, or null if one already existed. */
    static String bootstrap(ApiTokens tokens, String configured, Path data) {
        if (configured != null) {
            tokens.register("admin (configured)", Role.ADMIN, configured);
            return configured;
        }
        if (tokens.anyAdmin()) {
            return null;
        }
        String token = tokens.create("admin (first start)", Role.ADMIN);
        Path file = data.resolve("admin-token");
        try {
            Files.createDirectories(data);
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin token to " + file, e);
        }
        LOG.info("event=admin-token-created file={} (use it as 'Authorization: Bearer <token>'; create other tokens with POST /api/v1/tokens)", file);
        return token;
    }
}
