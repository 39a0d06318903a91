package org.lintel.hub.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.lintel.hub.auth.Accounts;
import org.lintel.hub.auth.ApiTokens;
import org.lintel.hub.auth.Role;
import org.lintel.hub.auth.SiteScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin, so that someone can sign in after the first start: an account {@code admin} (with the configured
 * password, or a generated one written to the data folder, to be changed at first sign-in) and an admin token for
 * scripts (configured, or generated into the data folder).
 */
final class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    static final String USERNAME = "admin";

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
        String token = tokens.create("admin (first start)", Role.ADMIN, SiteScope.ALL, null, "first start").secret();
        writeSecret(data.resolve("admin-token"), token);
        LOG.info("event=admin-token-created file={} (use it as 'Authorization: Bearer <token>'; create other tokens with POST /api/v1/tokens)",
                data.resolve("admin-token"));
        return token;
    }

    /** Creates the {@code admin} account when no admin account exists yet. */
    static void account(Accounts accounts, String configuredPassword, Path data) {
        if (accounts.anyAdmin() || accounts.find(USERNAME).isPresent()) {
            return;
        }
        boolean generated = configuredPassword == null;
        String password = generated ? generated() : configuredPassword;
        try {
            accounts.create(new Accounts.NewAccount(USERNAME, "管理员 Administrator", Role.ADMIN, SiteScope.ALL, password, generated));
        } catch (org.lintel.hub.auth.AuthException e) {
            throw new IllegalArgumentException("LINTEL_ADMIN_PASSWORD (the first admin's password): " + e.getMessage(), e);
        }
        if (generated) {
            writeSecret(data.resolve("admin-password"), password);
            LOG.info("event=admin-account-created username={} password-file={} (sign in to the console and choose a new password)", USERNAME,
                    data.resolve("admin-password"));
        } else {
            LOG.info("event=admin-account-created username={} password=from-LINTEL_ADMIN_PASSWORD", USERNAME);
        }
    }

    private static String generated() {
        String letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(letters.charAt(random.nextInt(letters.length())));
        }
        return b.toString();
    }

    private static void writeSecret(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
