package org.lintel.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/**
 * Where every change is written. Values under a key that names a secret (password, token, secret) are replaced by
 * {@code "[redacted]"} before anything is stored, wherever they are nested.
 */
public final class AuditTrail {

    public static final String REDACTED = "[redacted]";
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "secret", "currentpassword", "newpassword", "csrftoken");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Database db;
    private final Clock clock;

    public AuditTrail(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Change c) {
        try (Connection conn = db.connection()) {
            Sql.exec(conn, "insert into audit_entry (at, actor, actor_kind, site_id, action, subject, request, before, after)"
                            + " values (?,?,?,?,?,?,cast(? as jsonb),cast(? as jsonb),cast(? as jsonb))",
                    Sql.ts(clock.instant()), c.actor(), c.actorKind(), c.site(), c.action(), c.subject(), json(c.request()), json(c.before()), json(c.after()));
        } catch (SQLException e) {
            throw Sql.failed("recording " + c.action() + " by " + c.actor() + " in the audit trail", e);
        }
    }

    public List<AuditEntry> read(AuditQuery q) {
        StringBuilder sql = new StringBuilder("select id, at, actor, actor_kind, site_id, action, subject, request, before, after from audit_entry where true");
        List<Object> args = new ArrayList<>();
        if (q.site() != null) {
            sql.append(" and site_id = ?");
            args.add(q.site());
        }
        if (q.actor() != null) {
            sql.append(" and actor = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" and action = ?");
            args.add(q.action());
        }
        if (q.from() != null) {
            sql.append(" and at >= ?");
            args.add(Sql.ts(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and at < ?");
            args.add(Sql.ts(q.to()));
        }
        sql.append(" order by id desc limit ?");
        args.add(q.limit());
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            Sql.bind(ps, args.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                List<AuditEntry> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), tree(rs.getString(8)), tree(rs.getString(9)), tree(rs.getString(10))));
                }
                return found;
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the audit trail", e);
        }
    }

    /** {@code value} as JSON text with secrets redacted; null stays null. */
    static String json(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = value instanceof JsonNode n ? n.deepCopy() : JSON.valueToTree(value);
        redact(tree);
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write an audit value as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> fields = o.properties().iterator();
            List<String> secret = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (SECRET_KEYS.contains(f.getKey().toLowerCase(Locale.ROOT)) && !f.getValue().isNull() && !f.getValue().isContainerNode()) {
                    secret.add(f.getKey());
                } else {
                    redact(f.getValue());
                }
            }
            secret.forEach(k -> o.put(k, REDACTED));
        } else if (node instanceof ArrayNode a) {
            a.forEach(AuditTrail::redact);
        }
    }

    private static JsonNode tree(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the audit trail holds JSON that PostgreSQL checked; it cannot be unreadable", e);
        }
    }
}
