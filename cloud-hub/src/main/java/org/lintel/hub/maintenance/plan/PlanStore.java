package org.lintel.hub.maintenance.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** The sites' maintenance plans, kept as the JSON they were accepted in (read back through the same checks). */
public final class PlanStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final PlanTemplates templates;

    public PlanStore(Database db, PlanTemplates templates) {
        this.db = db;
        this.templates = templates;
    }

    public void save(Plan p, Instant at, String by) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("insert into maintenance_plan (site_id, id, plan, saved_at, saved_by)"
                + " values (?, ?, cast(? as jsonb), ?, ?) on conflict (site_id, id) do update set plan = excluded.plan, saved_at = excluded.saved_at,"
                + " saved_by = excluded.saved_by")) {
            ps.setString(1, p.site());
            ps.setString(2, p.id());
            ps.setString(3, JSON.writeValueAsString(p.toJson()));
            ps.setObject(4, Sql.ts(at));
            ps.setString(5, by);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failed("storing plan " + p.id() + " of " + p.site(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("plan " + p.id() + " does not serialize: " + e.getMessage(), e);
        }
    }

    public boolean delete(String site, String id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("delete from maintenance_plan where site_id = ? and id = ?")) {
            ps.setString(1, site);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw Sql.failed("deleting plan " + id, e);
        }
    }

    public List<Plan> list(String site) {
        return read("select site_id, id, plan::text from maintenance_plan where site_id = ? order by id", site);
    }

    public List<Plan> all() {
        return read("select site_id, id, plan::text from maintenance_plan order by site_id, id");
    }

    public Optional<Plan> find(String site, String id) {
        return list(site).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<Plan> read(String sql, Object... args) {
        List<Plan> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = JSON.readValue(rs.getString(3), Map.class);
                    out.add(Plan.fromJson(rs.getString(1), rs.getString(2), m, templates, Instant.EPOCH));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading maintenance plans", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored maintenance plan does not parse: " + e.getMessage(), e);
        }
        return out;
    }
}
