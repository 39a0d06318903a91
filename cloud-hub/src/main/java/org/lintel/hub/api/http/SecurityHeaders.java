package org.lintel.hub.api.http;

import io.vertx.core.MultiMap;

/**
 * Headers on every answer: the console runs only its own scripts and styles and is never framed (clickjacking), no
 * browser guesses a content type, acknowledgement links (which carry a signature) are never sent on as a referrer,
 * and API answers are never cached by a shared proxy.
 */
public final class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void add(MultiMap h, boolean api, boolean https) {
        if (https) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        if (api) {
            h.set("Cache-Control", "no-store");
        }
    }
}
