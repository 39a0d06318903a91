package org.lintel.hub.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/**
 * Console sessions, kept in PostgreSQL so that a restart of the hub signs nobody out: a session ends after
 * {@code idle} without a request, after {@code longest} in any case, at sign-out, and when its password changes.
 * The id travels in an HttpOnly cookie; the CSRF token, which a page of another origin cannot read, must come with
 * every change.
 */
public final class Sessions {

    /** How often a session's last use is written at most: not at every request. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final Database db;
    private final Accounts accounts;
    private final Clock clock;
    private final Duration idle;
    private final Duration longest;

    public Sessions(Database db, Accounts accounts, Clock clock, Duration idle, Duration longest) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
        this.idle = idle;
        this.longest = longest;
    }

    /** A session just opened: its id (for the cookie only) and CSRF token. */
    public record Opened(String id, String csrfToken, Instant expiresAt) {
    }

    /** A live session: who it belongs to now (role and sites as of this request) and its CSRF token. */
    public record Live(Account account, String csrfToken, Instant expiresAt) {

        public boolean csrfMatches(String sent) {
            return Secrets.sameText(csrfToken, sent);
        }
    }

    public Duration idle() {
        return idle;
    }

    public Opened open(String username) {
        String id = Secrets.random("ls_");
        String csrf = Secrets.random("");
        Instant now = clock.instant();
        Instant expires = now.plus(idle);
        try (Connection c = db.connection()) {
            Sql.exec(c, "insert into staff_session (id_hash, username, csrf_token, created_at, last_seen_at, expires_at) values (?,?,?,?,?,?)",
                    Secrets.hash(id), username, csrf, Sql.ts(now), Sql.ts(now), Sql.ts(expires));
            // sessions of this account that ran out are removed here, so the table never grows with abandoned ones
            Sql.exec(c, "delete from staff_session where username = ? and expires_at < ?", username, Sql.ts(now));
        } catch (SQLException e) {
            throw Sql.failed("opening a session for " + username, e);
        }
        return new Opened(id, csrf, expires);
    }

    /**
     * The live session with this id; empty when unknown, expired or its account disabled. {@code touch}: a person's
     * request, which moves the idle expiry on (a page's own refresh does not).
     */
    public Optional<Live> find(String id, boolean touch) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = Secrets.hash(id);
        try (Connection c = db.connection()) {
            String username;
            String csrf;
            Instant created;
            Instant lastSeen;
            Instant expires;
            try (PreparedStatement ps = c.prepareStatement("select username, csrf_token, created_at, last_seen_at, expires_at from staff_session where id_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    username = rs.getString(1);
                    csrf = rs.getString(2);
                    created = rs.getTimestamp(3).toInstant();
                    lastSeen = rs.getTimestamp(4).toInstant();
                    expires = rs.getTimestamp(5).toInstant();
                }
            }
            if (!expires.isAfter(now)) {
                Sql.exec(c, "delete from staff_session where id_hash = ?", hash);
                return Optional.empty();
            }
            Optional<Account> account = accounts.find(username).filter(a -> !a.disabled());
            if (account.isEmpty()) {
                return Optional.empty();
            }
            Duration touchEvery = idle.dividedBy(4).compareTo(TOUCH_EVERY) < 0 ? idle.dividedBy(4) : TOUCH_EVERY;
            if (touch && Duration.between(lastSeen, now).compareTo(touchEvery) >= 0) {
                Instant cap = created.plus(longest);
                expires = now.plus(idle).isBefore(cap) ? now.plus(idle) : cap;
                Sql.exec(c, "update staff_session set last_seen_at = ?, expires_at = ? where id_hash = ?", Sql.ts(now), Sql.ts(expires), hash);
            }
            return Optional.of(new Live(account.get(), csrf, expires));
        } catch (SQLException e) {
            throw Sql.failed("reading a session", e);
        }
    }

    public void close(String id) {
        if (id == null) {
            return;
        }
        try (Connection c = db.connection()) {
            Sql.exec(c, "delete from staff_session where id_hash = ?", Secrets.hash(id));
        } catch (SQLException e) {
            throw Sql.failed("closing a session", e);
        }
    }
}
