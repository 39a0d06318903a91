package org.lintel.hub.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.registry.RegistryException;

/**
 * API tokens: random 256-bit secrets shown once at creation; only their SHA-256 is stored (a token has far more
 * entropy than a password, so a plain hash cannot be guessed back).
 */
public final class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public ApiTokens(Database db) {
        this.db = db;
    }

    /** Creates a token and returns its secret, which is not stored. */
    public String create(String name, Role role) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = "lt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        register(name, role, token);
        return token;
    }

    /** Registers a token chosen by the operator (e.g. from the environment at first start); idempotent. */
    public void register(String name, Role role, String token) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("insert into api_token (token_hash, name, role) values (?,?,?) on conflict (token_hash) do nothing")) {
            ps.setString(1, hash(token));
            ps.setString(2, name);
            ps.setString(3, role.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new RegistryException("storing API token failed: " + e.getMessage(), e);
        }
    }

    public boolean anyAdmin() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select 1 from api_token where role = 'admin' and revoked_at is null limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new RegistryException("reading API tokens failed: " + e.getMessage(), e);
        }
    }

    /** Who holds a token: its name (recorded in alarm transitions) and role. */
    public record Caller(String name, Role role) {
    }

    /** The holder of a valid, unrevoked token. */
    public Optional<Caller> callerOf(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select name, role from api_token where token_hash = ? and revoked_at is null")) {
            ps.setString(1, hash(token));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String name = rs.getString(1);
                return Role.of(rs.getString(2)).map(r -> new Caller(name, r));
            }
        } catch (SQLException e) {
            throw new RegistryException("reading API tokens failed: " + e.getMessage(), e);
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
