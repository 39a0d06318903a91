package org.lintel.hub.oncall;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed acknowledgement links put into SMS and e-mail: {@code {base}/ack/{alarm}?by={person}&exp={epoch s}&sig={hmac}}.
 * The HMAC-SHA256 over alarm, person and expiry proves the hub wrote the link, so the person who follows it can
 * acknowledge without an API token; the acknowledgement is recorded as {@code link:{person}}. Links expire
 * (default 24 h). Opening the link shows a confirmation page; only the confirmation acknowledges, because messaging
 * apps open links on their own to preview them.
 */
public final class AckLinks {

    /** What a link says once its signature is checked. */
    public record Verified(long alarm, String by) {
    }

    /** A link failed its check: {@code expired} is false when it was forged or altered. */
    public static final class Refused extends RuntimeException {
        private final boolean expired;

        Refused(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    private final byte[] key;
    private final java.util.function.Supplier<String> base;
    private final Duration lifetime;
    private final Clock clock;

    public AckLinks(byte[] key, java.util.function.Supplier<String> base, Duration lifetime, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the acknowledgement link key needs at least 32 bytes");
        }
        this.key = key.clone();
        this.base = base;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A link for {@code person} to acknowledge {@code alarm}. */
    public String link(long alarm, String person) {
        long exp = clock.instant().plus(lifetime).getEpochSecond();
        String b = base.get();
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/ack/" + alarm + "?by=" + URLEncoder.encode(person, StandardCharsets.UTF_8) + "&exp=" + exp + "&sig=" + sign(alarm, person, exp);
    }

    /** Checks a link's parts; throws {@link Refused} when the signature is wrong or the link expired. */
    public Verified verify(long alarm, String by, String exp, String sig) {
        long expiry;
        try {
            expiry = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException bad) {
            throw new Refused("the link has no valid expiry", false);
        }
        if (by == null || sig == null || !MessageDigest.isEqual(sign(alarm, by, expiry).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused("the link's signature does not match: it was altered or not written by this hub", false);
        }
        if (clock.instant().isAfter(Instant.ofEpochSecond(expiry))) {
            throw new Refused("the link expired at " + Instant.ofEpochSecond(expiry), true);
        }
        return new Verified(alarm, by);
    }

    private String sign(long alarm, String person, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((alarm + "\n" + person + "\n" + exp).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
