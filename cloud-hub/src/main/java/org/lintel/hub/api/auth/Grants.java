package org.lintel.hub.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lintel.hub.api.http.Params;
import org.lintel.hub.api.http.Problem;
import org.lintel.hub.auth.Account;
import org.lintel.hub.auth.ApiToken;
import org.lintel.hub.auth.Role;
import org.lintel.hub.auth.SiteScope;

/** The request fields that grant a role and sites, and how accounts and tokens are shown. */
final class Grants {

    private final Supplier<Set<String>> knownSites;

    Grants(Supplier<Set<String>> knownSites) {
        this.knownSites = knownSites;
    }

    static Role role(Object value) {
        if (!(value instanceof String id)) {
            throw Problem.badRequest("role", "field 'role' is required: one of " + Role.ids());
        }
        return Role.of(id).orElseThrow(() -> Problem.badRequest("role", "field 'role': '" + shorten(id) + "' is not a role; use one of " + Role.ids()));
    }

    /** {@code "*"} for every site, or a list of site ids that are in the registry. */
    SiteScope sites(Object value) {
        if ("*".equals(value)) {
            return SiteScope.ALL;
        }
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > 1000) {
            throw Problem.badRequest("sites", "field 'sites' is required: \"*\" for every site, or a list of 1 to 1000 site ids");
        }
        Set<String> known = knownSites.get();
        Set<String> ids = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw Problem.badRequest("sites", "field 'sites' lists site ids, which are strings; found " + shorten(String.valueOf(o)));
            }
            (known.contains(s) ? ids : unknown).add(s);
        }
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("sites", "field 'sites': " + unknown.stream().limit(5).map(Grants::shorten).toList()
                    + " not in the registry; sites: " + new java.util.TreeSet<>(known));
        }
        return SiteScope.of(ids);
    }

    /** When a token expires: {@code expiresIn} (a duration, default 90 days) or {@code expiresAt}. */
    static Instant expiry(Map<String, Object> body, Instant now) {
        Object at = body.get("expiresAt");
        Object in = body.get("expiresIn");
        if (at != null && in != null) {
            throw Problem.badRequest("expiresAt", "give 'expiresAt' or 'expiresIn', not both");
        }
        if (at != null) {
            return Params.instant("expiresAt", String.valueOf(at), java.time.ZoneOffset.UTC);
        }
        Duration d = in == null ? Duration.ofDays(90) : Params.duration("expiresIn", String.valueOf(in));
        if (d.compareTo(org.lintel.hub.auth.ApiTokens.LONGEST_LIFE) > 0) {
            throw Problem.badRequest("expiresIn", "field 'expiresIn': a token lives at most 2 years (732d); renew it before then");
        }
        return now.plus(d);
    }

    static Map<String, Object> view(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("role", a.role().id());
        m.put("sites", a.scope().asJson());
        m.put("mustChangePassword", a.mustChangePassword());
        m.put("disabled", a.disabled());
        m.put("lockedUntil", a.lockedUntil());
        m.put("createdAt", a.createdAt());
        m.put("passwordChangedAt", a.passwordChangedAt());
        return m;
    }

    static Map<String, Object> view(ApiToken t, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("role", t.role().id());
        m.put("sites", t.scope().asJson());
        m.put("createdAt", t.createdAt());
        m.put("createdBy", t.createdBy());
        m.put("expiresAt", t.expiresAt());
        m.put("revokedAt", t.revokedAt());
        m.put("lastUsedAt", t.lastUsedAt());
        m.put("live", t.liveAt(now));
        return m;
    }

    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
