package org.lintel.hub.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Machine tokens for integrations and gateway-side tools: named, limited to sites, expiring, listed and revoked by
 * admins. Random 256-bit secrets shown once at creation; only their SHA-256 is stored.
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    public static final int MAX_NAME = 100;
    public static final Duration LONGEST_LIFE = Duration.ofDays(2 * 366);
    private static final Duration NOTE_USE_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;

    public ApiTokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A token just made: the secret is in this answer and nowhere else. */
    public record Issued(ApiToken token, String secret) {
    }

    public Issued create(String name, Role role, SiteScope scope, Instant expiresAt, String createdBy) {
        checkName(name);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new AuthException(AuthException.Kind.INVALID, "expiresAt", "a token must expire in the future, not at " + expiresAt);
        }
        if (expiresAt != null && expiresAt.isAfter(now.plus(LONGEST_LIFE))) {
            throw new AuthException(AuthException.Kind.INVALID, "expiresAt", "a token lives at most 2 years; renew it before then");
        }
        String secret = Secrets.random("lt_");
        long id = insert(name, role, scope, secret, expiresAt, createdBy);
        LOG.info("event=token-created id={} name=\"{}\" role={} expires={}", id, name.replace("\"", "'"), role.id(), expiresAt);
        return new Issued(find(id).orElseThrow(), secret);
    }

    /** Registers a token chosen by the operator (from the environment at start): every site, no expiry; idempotent. */
    public void register(String name, Role role, String secret) {
        insert(name, role, SiteScope.ALL, secret, null, "configuration");
    }

    private long insert(String name, Role role, SiteScope scope, String secret, Instant expiresAt, String createdBy) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement("insert into api_token (token_hash, name, role, all_sites, expires_at, created_by, created_at)"
                    + " values (?,?,?,?,?,?,?) on conflict (token_hash) do update set revoked_at = api_token.revoked_at returning id")) {
                Sql.bind(ps, Secrets.hash(secret), name, role.id(), scope.all(), Sql.ts(expiresAt), createdBy, Sql.ts(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into api_token_site (token_id, site_id) values (?,?) on conflict do nothing")) {
                for (String site : scope.sites()) {
                    Sql.bind(ps, id, site);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw Sql.failed("storing API token '" + name + "'", e);
        }
    }

    public boolean anyAdmin() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select 1 from api_token where role = 'admin' and revoked_at is null"
                     + " and (expires_at is null or expires_at > now()) limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw Sql.failed("reading API tokens", e);
        }
    }

    public List<ApiToken> list() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SELECT + " order by id"); ResultSet rs = ps.executeQuery()) {
            List<ApiToken> all = new ArrayList<>();
            while (rs.next()) {
                all.add(token(c, rs));
            }
            return all;
        } catch (SQLException e) {
            throw Sql.failed("listing API tokens", e);
        }
    }

    public Optional<ApiToken> find(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SELECT + " where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(token(c, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failed("reading API token " + id, e);
        }
    }

    /** Revokes a token at once; revoking one already revoked changes nothing. */
    public ApiToken revoke(long id) {
        find(id).orElseThrow(() -> new AuthException(AuthException.Kind.NOT_FOUND, null, "there is no API token " + id));
        try (Connection c = db.connection()) {
            Sql.exec(c, "update api_token set revoked_at = coalesce(revoked_at, ?) where id = ?", Sql.ts(clock.instant()), id);
        } catch (SQLException e) {
            throw Sql.failed("revoking API token " + id, e);
        }
        LOG.info("event=token-revoked id={}", id);
        return find(id).orElseThrow();
    }

    /** The holder of a live token (known, not revoked, not expired). */
    public Optional<Caller> callerOf(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 200) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SELECT + " where token_hash = ?")) {
            ps.setString(1, Secrets.hash(secret));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ApiToken t = token(c, rs);
                Instant now = clock.instant();
                if (!t.liveAt(now)) {
                    return Optional.empty();
                }
                if (t.lastUsedAt() == null || t.lastUsedAt().plus(NOTE_USE_EVERY).isBefore(now)) {
                    Sql.exec(c, "update api_token set last_used_at = ? where id = ?", Sql.ts(now), t.id());
                }
                return Optional.of(new Caller(t.name(), Caller.Kind.TOKEN, t.role(), t.scope()));
            }
        } catch (SQLException e) {
            throw Sql.failed("reading API tokens", e);
        }
    }

    private static final String SELECT = "select id, name, role, all_sites, created_at, created_by, expires_at, revoked_at, last_used_at from api_token";

    private static ApiToken token(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        Set<String> sites = new HashSet<>();
        if (!rs.getBoolean(4)) {
            try (PreparedStatement ps = c.prepareStatement("select site_id from api_token_site where token_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet s = ps.executeQuery()) {
                    while (s.next()) {
                        sites.add(s.getString(1));
                    }
                }
            }
        }
        return new ApiToken(id, rs.getString(2), Role.of(rs.getString(3)).orElse(Role.READ_ONLY), rs.getBoolean(4) ? SiteScope.ALL : SiteScope.of(sites),
                instant(rs.getTimestamp(5)), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new AuthException(AuthException.Kind.INVALID, "name", "a token's name is 1 to " + MAX_NAME + " characters, saying who or what uses it");
        }
    }
}
