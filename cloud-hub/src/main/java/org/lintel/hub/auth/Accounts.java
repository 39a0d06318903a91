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
import java.util.regex.Pattern;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff accounts: created and changed by admins, passwords hashed with Argon2id, locked for a while after repeated
 * wrong passwords (so a guesser gets a handful of tries per quarter hour, not thousands).
 */
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_DISPLAY_NAME = 100;

    private final Database db;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockFor;

    public Accounts(Database db, Clock clock, int maxFailures, Duration lockFor) {
        this.db = db;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
    }

    /** What an admin asks for when creating an account. */
    public record NewAccount(String username, String displayName, Role role, SiteScope scope, String password, boolean mustChangePassword) {
    }

    /** The outcome of a sign-in. */
    public sealed interface SignIn {
        record SignedIn(Account account) implements SignIn { }
        record Refused() implements SignIn { }
        record Locked(Instant until) implements SignIn { }
    }

    public Account create(NewAccount a) {
        checkUsername(a.username());
        checkDisplayName(a.displayName());
        checkPassword(a.username(), a.password());
        String hash = Passwords.hash(a.password());
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into staff_account (username, display_name, password_hash, role, all_sites,"
                    + " must_change_password, created_at, password_changed_at) values (?,?,?,?,?,?,?,?) on conflict (username) do nothing")) {
                ps.setString(1, a.username());
                ps.setString(2, a.displayName());
                ps.setString(3, hash);
                ps.setString(4, a.role().id());
                ps.setBoolean(5, a.scope().all());
                ps.setBoolean(6, a.mustChangePassword());
                ps.setObject(7, Sql.ts(now));
                ps.setObject(8, Sql.ts(now));
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    throw new AuthException(AuthException.Kind.CONFLICT, "username", "there is already an account '" + a.username() + "'");
                }
            }
            writeSites(c, a.username(), a.scope());
            c.commit();
        } catch (SQLException e) {
            throw Sql.failed("creating account " + a.username(), e);
        }
        LOG.info("event=account-created username={} role={}", a.username(), a.role().id());
        return find(a.username()).orElseThrow();
    }

    public List<Account> list() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SELECT + " order by username"); ResultSet rs = ps.executeQuery()) {
            List<Account> all = new ArrayList<>();
            while (rs.next()) {
                all.add(account(c, rs));
            }
            return all;
        } catch (SQLException e) {
            throw Sql.failed("listing accounts", e);
        }
    }

    public Optional<Account> find(String username) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SELECT + " where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(c, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failed("reading account " + username, e);
        }
    }

    public boolean anyAdmin() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select 1 from staff_account where role = 'admin' and disabled_at is null limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw Sql.failed("reading accounts", e);
        }
    }

    /** Changes role, sites, name or whether the account may sign in; null leaves a part as it is. */
    public Account update(String username, String displayName, Role role, SiteScope scope, Boolean disabled) {
        Account before = find(username).orElseThrow(() -> notFound(username));
        if (displayName != null) {
            checkDisplayName(displayName);
        }
        boolean demotesLastAdmin = before.role() == Role.ADMIN && !before.disabled()
                && ((role != null && role != Role.ADMIN) || Boolean.TRUE.equals(disabled)) && activeAdmins() == 1;
        if (demotesLastAdmin) {
            throw new AuthException(AuthException.Kind.REFUSED, role != null ? "role" : "disabled",
                    "'" + username + "' is the only admin left; make another admin first");
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("update staff_account set display_name = coalesce(?, display_name),"
                    + " role = coalesce(?, role), all_sites = coalesce(?, all_sites),"
                    + " disabled_at = case when cast(? as boolean) is null then disabled_at when cast(? as boolean) then coalesce(disabled_at, ?) else null end where username = ?")) {
                ps.setString(1, displayName);
                ps.setString(2, role == null ? null : role.id());
                ps.setObject(3, scope == null ? null : scope.all());
                ps.setObject(4, disabled);
                ps.setObject(5, disabled);
                ps.setObject(6, Sql.ts(clock.instant()));
                ps.setString(7, username);
                ps.executeUpdate();
            }
            if (scope != null) {
                try (PreparedStatement ps = c.prepareStatement("delete from staff_account_site where username = ?")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
                writeSites(c, username, scope);
            }
            if (Boolean.TRUE.equals(disabled)) {
                endSessions(c, username);
            }
            c.commit();
        } catch (SQLException e) {
            throw Sql.failed("changing account " + username, e);
        }
        LOG.info("event=account-changed username={}", username);
        return find(username).orElseThrow();
    }

    /**
     * Sets a new password: an admin's reset ({@code mustChange}: the person chooses their own at next sign-in) or the
     * person's own change. Either way every session of the account ends and a lock-out is lifted.
     */
    public void setPassword(String username, String password, boolean mustChange) {
        find(username).orElseThrow(() -> notFound(username));
        checkPassword(username, password);
        String hash = Passwords.hash(password);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("update staff_account set password_hash = ?, must_change_password = ?,"
                    + " password_changed_at = ?, failed_attempts = 0, locked_until = null where username = ?")) {
                ps.setString(1, hash);
                ps.setBoolean(2, mustChange);
                ps.setObject(3, Sql.ts(clock.instant()));
                ps.setString(4, username);
                ps.executeUpdate();
            }
            endSessions(c, username);
            c.commit();
        } catch (SQLException e) {
            throw Sql.failed("changing the password of " + username, e);
        }
        LOG.info("event=password-changed username={} reset={}", username, mustChange);
    }

    /** The person's own change: the current password is checked first. */
    public void changeOwnPassword(String username, String current, String next) {
        if (!(signIn(username, current) instanceof SignIn.SignedIn)) {
            throw new AuthException(AuthException.Kind.INVALID, "currentPassword", "the current password is not right");
        }
        if (next != null && next.equals(current)) {
            throw new AuthException(AuthException.Kind.INVALID, "newPassword", "the new password must differ from the current one");
        }
        String weak = Passwords.weakness(username, next);
        if (weak != null) {
            throw new AuthException(AuthException.Kind.INVALID, "newPassword", weak);
        }
        setPassword(username, next, false);
    }

    /** Checks a password, counting failures and locking the account after {@code maxFailures} in a row. */
    public SignIn signIn(String username, String password) {
        Instant now = clock.instant();
        try (Connection c = db.connection()) {
            String hash;
            int failures;
            Instant lockedUntil;
            boolean disabled;
            try (PreparedStatement ps = c.prepareStatement("select password_hash, failed_attempts, locked_until, disabled_at is not null"
                    + " from staff_account where username = ?")) {
                ps.setString(1, username == null ? "" : username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        Passwords.decoyCheck(password);
                        return new SignIn.Refused();
                    }
                    hash = rs.getString(1);
                    failures = rs.getInt(2);
                    Timestamp t = rs.getTimestamp(3);
                    lockedUntil = t == null ? null : t.toInstant();
                    disabled = rs.getBoolean(4);
                }
            }
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                return new SignIn.Locked(lockedUntil);
            }
            boolean right = Passwords.matches(password, hash);
            if (right && !disabled) {
                try (PreparedStatement ps = c.prepareStatement("update staff_account set failed_attempts = 0, locked_until = null where username = ?")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
                return new SignIn.SignedIn(find(username).orElseThrow());
            }
            if (disabled) {
                return new SignIn.Refused();
            }
            int now1 = failures + 1;
            Instant lock = now1 >= maxFailures ? now.plus(lockFor) : null;
            try (PreparedStatement ps = c.prepareStatement("update staff_account set failed_attempts = ?, locked_until = ? where username = ?")) {
                ps.setInt(1, lock == null ? now1 : 0);
                ps.setObject(2, Sql.ts(lock));
                ps.setString(3, username);
                ps.executeUpdate();
            }
            if (lock != null) {
                LOG.warn("event=account-locked username={} failures={} until={}", username, now1, lock);
                return new SignIn.Locked(lock);
            }
            return new SignIn.Refused();
        } catch (SQLException e) {
            throw Sql.failed("checking the password of " + username, e);
        }
    }

    private int activeAdmins() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select count(*) from staff_account where role = 'admin' and disabled_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw Sql.failed("reading accounts", e);
        }
    }

    private static void endSessions(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from staff_session where username = ?")) {
            ps.setString(1, username);
            ps.executeUpdate();
        }
    }

    private static void writeSites(Connection c, String username, SiteScope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into staff_account_site (username, site_id) values (?,?)")) {
            for (String site : scope.sites()) {
                ps.setString(1, username);
                ps.setString(2, site);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String SELECT = "select username, display_name, role, all_sites, must_change_password, locked_until,"
            + " disabled_at is not null, created_at, password_changed_at from staff_account";

    private static Account account(Connection c, ResultSet rs) throws SQLException {
        String username = rs.getString(1);
        Set<String> sites = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select site_id from staff_account_site where username = ?")) {
            ps.setString(1, username);
            try (ResultSet s = ps.executeQuery()) {
                while (s.next()) {
                    sites.add(s.getString(1));
                }
            }
        }
        Timestamp locked = rs.getTimestamp(6);
        return new Account(username, rs.getString(2), Role.of(rs.getString(3)).orElse(Role.READ_ONLY),
                rs.getBoolean(4) ? SiteScope.ALL : SiteScope.of(sites), rs.getBoolean(5), locked == null ? null : locked.toInstant(),
                rs.getBoolean(7), rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant());
    }

    private static AuthException notFound(String username) {
        return new AuthException(AuthException.Kind.NOT_FOUND, null, "there is no account '" + username + "'");
    }

    static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new AuthException(AuthException.Kind.INVALID, "username", "a username is 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter"
                    + " or digit (the display name may be in Chinese)");
        }
    }

    private static void checkDisplayName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_DISPLAY_NAME) {
            throw new AuthException(AuthException.Kind.INVALID, "displayName", "a display name is 1 to " + MAX_DISPLAY_NAME + " characters");
        }
    }

    private static void checkPassword(String username, String password) {
        String weak = Passwords.weakness(username, password);
        if (weak != null) {
            throw new AuthException(AuthException.Kind.INVALID, "password", weak);
        }
    }
}
