package org.lintel.hub.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;

/**
 * Password hashing with Argon2id (Password4j), at OWASP's minimum cost (19 MiB, 2 passes, 1 lane): 64 ms per check
 * (median, docs/benchmarks.md) on this machine's cores, so a stolen table costs an attacker that much per guess. Hashes are PHC strings
 * ({@code $argon2id$v=19$m=…}), so a later raise of the cost still checks the old ones.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 256;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked against when the account does not exist, so that the answer takes as long as for a real one. */
    private static final String DECOY = hash("decoy-password-for-unknown-accounts");

    private Passwords() {
    }

    public static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    public static boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2")) {
            Password.check(password == null ? "" : password, DECOY).with(ARGON2);
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the time of one check, for a sign-in with an unknown name. */
    public static void decoyCheck(String password) {
        matches(password, DECOY);
    }

    /** Why {@code password} may not be used by {@code username}, or null when it may. */
    public static String weakness(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "a password needs at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a password may have at most " + MAX_BYTES + " bytes";
        }
        if (password.equalsIgnoreCase(username) || password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            return "a password may not contain the account's name";
        }
        if (password.chars().distinct().count() < 4) {
            return "a password needs at least 4 different characters";
        }
        return null;
    }
}
