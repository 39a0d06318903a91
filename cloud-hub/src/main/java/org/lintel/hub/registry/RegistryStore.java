package org.lintel.hub.registry;

import static org.lintel.hub.storage.Sql.bind;
import static org.lintel.hub.storage.Sql.exec;
import static org.lintel.hub.storage.Sql.ts;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.i18n.Label;
import org.lintel.site.Building;
import org.lintel.site.CommonArea;
import org.lintel.site.Device;
import org.lintel.site.Floor;
import org.lintel.site.Gateway;
import org.lintel.site.PropertyUnit;
import org.lintel.site.SecretRedaction;
import org.lintel.site.Secrets;
import org.lintel.site.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The community registry in PostgreSQL: sites and their buildings, floors, units, common areas, gateways and devices,
 * and the meter assignments with effective dates that billing relies on.
 */
public final class RegistryStore {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryStore.class);

    /** What one import changed. */
    public record ImportResult(String site, int buildings, int units, int commonAreas, int gateways, int devices,
                               int devicesRemoved, int assignmentsOpened, int assignmentsClosed) {
    }

    private final Database db;
    private final Secrets secrets;

    public RegistryStore(Database db, Secrets secrets) {
        this.db = db;
        this.secrets = secrets;
    }

    /**
     * Stores a checked site, replacing its previous version in one transaction. Devices no longer in the file are
     * marked removed (their history stays); a meter that stops serving a target has its assignment closed at
     * {@code at}, and a meter that starts serving one gets an assignment from {@code at}.
     */
    public ImportResult importSite(Site site, String sourceName, String sourceText, Instant at) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                ImportResult r = importIn(c, site, sourceName, sourceText, at);
                c.commit();
                LOG.info("event=site-imported site={} devices={} removed={} assignmentsOpened={} assignmentsClosed={}",
                        site.id(), r.devices(), r.devicesRemoved(), r.assignmentsOpened(), r.assignmentsClosed());
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("import of site " + site.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The hash of a gateway's MQTT password. A secret the hub cannot resolve is an error (the gateway could never log
     * in), unless the file is an export (the password redacted, or a bare ${VAR}) and the hub already knows the hash.
     */
    private String passwordHash(Gateway g, String password, String known) {
        Optional<String> resolved = SecretRedaction.isRedacted(password) ? Optional.empty() : secrets.resolve(password);
        if (resolved.isPresent()) {
            return PasswordHash.hash(resolved.get());
        }
        if (known != null) {
            return known;
        }
        if (SecretRedaction.isRedacted(password)) {
            throw new RegistryException("gateway " + g.id() + ": field 'uplink.password' was redacted by an export and the hub has no password"
                    + " for this gateway yet; write the password, or ${VARIABLE} set in the hub's environment");
        }
        throw new RegistryException("gateway " + g.id() + ": field 'uplink.password' refers to " + Secrets.references(password).stream()
                .map(v -> "${" + v + "}").toList() + ", not set in the hub's environment and without a default; set it where the hub runs"
                + " (the hub keeps only a hash), or write ${VARIABLE:-value}");
    }

    private ImportResult importIn(Connection c, Site site, String sourceName, String sourceText, Instant at) throws SQLException {
        String id = site.id();
        boolean firstImport;
        try (PreparedStatement ps = c.prepareStatement("select 1 from site where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                firstImport = !rs.next();
            }
        }
        // Meters of a site's first import were in service before Lintel knew of them: their assignments start at the
        // beginning of time, so that backfilled readings bill. Later imports change assignments from the import on.
        Instant opensAt = firstImport ? Instant.EPOCH : at;
        exec(c, """
                insert into site (id, name_en, name_zh, time_zone, source_name, source_text, imported_at) values (?,?,?,?,?,?,?)
                on conflict (id) do update set name_en = excluded.name_en, name_zh = excluded.name_zh, time_zone = excluded.time_zone,
                  source_name = excluded.source_name, source_text = excluded.source_text, imported_at = excluded.imported_at""",
                id, en(site.name()), zh(site.name()), site.timeZone().getId(), sourceName, SecretRedaction.redact(sourceText), ts(at));
        // what a redacted export gives back keeps the password the hub already knows (only its hash is kept)
        Map<String, String> knownHashes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select id, password_hash from gateway where site_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    knownHashes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        for (String table : List.of("floor", "property_unit", "common_area", "gateway")) {
            exec(c, "delete from " + table + " where site_id = ?", id);
        }
        exec(c, "delete from building where site_id = ?", id);
        int units = 0;
        for (Building b : site.buildings()) {
            exec(c, "insert into building (site_id, id, name_en, name_zh) values (?,?,?,?)", id, b.id(), en(b.name()), zh(b.name()));
            for (Floor f : b.floors()) {
                exec(c, "insert into floor (site_id, building_id, level) values (?,?,?) on conflict do nothing", id, b.id(), f.level());
                for (PropertyUnit u : f.units()) {
                    exec(c, "insert into property_unit (site_id, id, building_id, floor, area_m2, name_en, name_zh) values (?,?,?,?,?,?,?)",
                            id, u.id(), u.building(), u.floor(), u.area(), en(u.name()), zh(u.name()));
                    units++;
                }
            }
        }
        List<CommonArea> areas = site.allCommonAreas().toList();
        for (CommonArea a : areas) {
            exec(c, "insert into common_area (site_id, id, building_id, area_m2, name_en, name_zh) values (?,?,?,?,?,?) on conflict do nothing",
                    id, a.id(), a.building(), a.area(), en(a.name()), zh(a.name()));
        }
        for (Gateway g : site.gateways()) {
            Gateway.Uplink u = g.uplink();
            String user = u == null ? null : u.username();
            if (user != null) {
                try (PreparedStatement ps = c.prepareStatement("select site_id, id from gateway where mqtt_username = ? and site_id <> ?")) {
                    ps.setString(1, user);
                    ps.setString(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw new RegistryException("gateway " + g.id() + ": field 'uplink.username': MQTT user '" + user
                                    + "' already belongs to gateway " + rs.getString(2) + " of site " + rs.getString(1)
                                    + "; every gateway needs a user of its own");
                        }
                    }
                }
            }
            String hash = u == null || u.password() == null ? null : passwordHash(g, u.password(), knownHashes.get(g.id()));
            exec(c, "insert into gateway (site_id, id, building_id, mqtt_username, password_hash) values (?,?,?,?,?)",
                    id, g.id(), g.building(), user, hash);
        }
        Map<String, Device> incoming = new HashMap<>();
        for (Device d : site.devices()) {
            incoming.put(d.id(), d);
            Device.Location loc = d.location();
            Device.Serves s = d.serves();
            exec(c, """
                    insert into device (site_id, id, profile, gateway_id, building_id, floor, serves_unit, serves_common_area, serves_building,
                      name_en, name_zh, removed_at) values (?,?,?,?,?,?,?,?,?,?,?,null)
                    on conflict (site_id, id) do update set profile = excluded.profile, gateway_id = excluded.gateway_id,
                      building_id = excluded.building_id, floor = excluded.floor, serves_unit = excluded.serves_unit,
                      serves_common_area = excluded.serves_common_area, serves_building = excluded.serves_building,
                      name_en = excluded.name_en, name_zh = excluded.name_zh, removed_at = null""",
                    id, d.id(), d.profile(), d.gateway(), loc == null ? null : loc.building(), loc == null ? null : loc.floor(),
                    s == null ? null : s.unit(), s == null ? null : s.commonArea(), s == null ? null : s.building(),
                    en(d.name()), zh(d.name()));
        }
        int removed = 0;
        try (PreparedStatement ps = c.prepareStatement("select id from device where site_id = ? and removed_at is null")) {
            ps.setString(1, id);
            List<String> gone = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!incoming.containsKey(rs.getString(1))) {
                        gone.add(rs.getString(1));
                    }
                }
            }
            for (String g : gone) {
                exec(c, "update device set removed_at = ? where site_id = ? and id = ?", ts(at), id, g);
                removed++;
            }
        }
        int opened = 0;
        int closed = 0;
        List<MeterAssignment> open = assignments(c, id, null).stream().filter(a -> a.effectiveTo() == null).toList();
        for (MeterAssignment a : open) {
            Device d = incoming.get(a.device());
            MeterTarget target = d == null ? null : target(d);
            if (target == null || !target.kind().equals(a.targetKind()) || !target.id().equals(a.target())) {
                closeAt(c, a.id(), at.isAfter(a.effectiveFrom()) ? at : a.effectiveFrom().plusMillis(1), null);
                closed++;
            }
        }
        for (Device d : site.devices()) {
            MeterTarget target = target(d);
            if (target == null) {
                continue;
            }
            boolean has = open.stream().anyMatch(a -> a.device().equals(d.id()) && a.targetKind().equals(target.kind()) && a.target().equals(target.id()));
            if (!has) {
                exec(c, "insert into meter_assignment (site_id, device_id, target_kind, target_id, effective_from, note) values (?,?,?,?,?,?)",
                        id, d.id(), target.kind(), target.id(), ts(opensAt), (firstImport ? "in service before the first import of " : "opened by import of ")
                                + sourceName);
                opened++;
            }
        }
        return new ImportResult(id, site.buildings().size(), units, areas.size(), site.gateways().size(), site.devices().size(),
                removed, opened, closed);
    }

    /** What a meter serves: a unit, a common area or a building, by id. */
    private record MeterTarget(String kind, String id) {
    }

    private static MeterTarget target(Device d) {
        Device.Serves s = d.serves();
        if (s == null) {
            return null;
        }
        if (s.unit() != null) {
            return new MeterTarget("unit", s.unit());
        }
        if (s.commonArea() != null) {
            return new MeterTarget("common-area", s.commonArea());
        }
        return s.building() == null ? null : new MeterTarget("building", s.building());
    }

    /**
     * Records a meter replacement: the old meter's assignment ends at {@code at} with its final reading, the new
     * meter's starts there with its initial reading. A new meter already opened by an import is moved to {@code at}.
     * The new meter may keep the old one's device id (replaced in place at the same bus address, the usual case):
     * the readings before {@code at} are the old meter's, those after the new one's.
     */
    public MeterAssignment replaceMeter(String site, String oldDevice, String newDevice, Instant at, BigDecimal finalReading,
                                        BigDecimal initialReading, String note) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                MeterAssignment old = assignments(c, site, null).stream()
                        .filter(a -> a.device().equals(oldDevice) && a.overlaps(at.minusMillis(1), at))
                        .findFirst()
                        .orElseThrow(() -> new RegistryException("meter " + oldDevice + " of site " + site + " was not in service at " + at));
                if (oldDevice.equals(newDevice)) {
                    // replaced in place: a new meter at the same address keeps the device id; its counter starts again
                    closeAt(c, old.id(), at, finalReading);
                    exec(c, "insert into meter_assignment (site_id, device_id, target_kind, target_id, effective_from, initial_reading, note)"
                            + " values (?,?,?,?,?,?,?)", site, newDevice, old.targetKind(), old.target(), ts(at), initialReading, note);
                    c.commit();
                    LOG.info("event=meter-replaced-in-place site={} target={} device={} at={}", site, old.target(), oldDevice, at);
                    return assignments(c, site, old.target()).stream().filter(a -> a.device().equals(newDevice)).reduce((a, b) -> b).orElseThrow();
                }
                // a meter serves one target at a time: otherwise its usage would be billed twice
                Optional<MeterAssignment> elsewhere = assignments(c, site, null).stream()
                        .filter(a -> a.device().equals(newDevice) && !a.target().equals(old.target()) && a.overlaps(at, Instant.MAX))
                        .findFirst();
                if (elsewhere.isPresent()) {
                    MeterAssignment e = elsewhere.get();
                    throw new RegistryException("meter " + newDevice + " serves " + e.targetKind() + " " + e.target() + " from " + e.effectiveFrom()
                            + (e.effectiveTo() == null ? " and still does" : " to " + e.effectiveTo()) + "; replace or end that first, so that"
                            + " one meter is never billed to two " + e.targetKind() + "s");
                }
                closeAt(c, old.id(), at, finalReading);
                Optional<MeterAssignment> opened = assignments(c, site, null).stream()
                        .filter(a -> a.device().equals(newDevice) && a.target().equals(old.target()) && a.effectiveTo() == null)
                        .findFirst();
                if (opened.isPresent()) {
                    exec(c, "update meter_assignment set effective_from = ?, initial_reading = ?, note = ? where id = ?",
                            ts(at), initialReading, note, opened.get().id());
                } else {
                    exec(c, "insert into meter_assignment (site_id, device_id, target_kind, target_id, effective_from, initial_reading, note)"
                            + " values (?,?,?,?,?,?,?)", site, newDevice, old.targetKind(), old.target(), ts(at), initialReading, note);
                }
                c.commit();
                LOG.info("event=meter-replaced site={} target={} old={} new={} at={}", site, old.target(), oldDevice, newDevice, at);
                return assignments(c, site, old.target()).stream().filter(a -> a.device().equals(newDevice)).reduce((a, b) -> b).orElseThrow();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RegistryException("meter replacement failed: " + e.getMessage(), e);
        }
    }

    private static void closeAt(Connection c, long id, Instant at, BigDecimal finalReading) throws SQLException {
        exec(c, "update meter_assignment set effective_to = ?, final_reading = coalesce(?, final_reading) where id = ?", ts(at), finalReading, id);
    }

    /** The assignments of a site, optionally of one target, in order of their start. */
    public List<MeterAssignment> assignments(String site, String target) {
        try (Connection c = db.connection()) {
            return assignments(c, site, target);
        } catch (SQLException e) {
            throw new RegistryException("reading meter assignments failed: " + e.getMessage(), e);
        }
    }

    private static List<MeterAssignment> assignments(Connection c, String site, String target) throws SQLException {
        String sql = "select id, site_id, device_id, target_kind, target_id, effective_from, effective_to, initial_reading, final_reading, note"
                + " from meter_assignment where site_id = ?" + (target == null ? "" : " and target_id = ?") + " order by effective_from, id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, site);
            if (target != null) {
                ps.setString(2, target);
            }
            List<MeterAssignment> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp to = rs.getTimestamp(7);
                    out.add(new MeterAssignment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), to == null ? null : to.toInstant(), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getString(10)));
                }
            }
            return out;
        }
    }

    /** A site file as last imported: its name and text. */
    public record SiteSource(String name, String text) {
    }

    /** The site file as last imported (for export), if the site exists. */
    /** A site file as stored (redacted at import since secrets are not kept; a file stored before may still hold them). */
    public Optional<SiteSource> storedSource(String site) {
        return queryOne("select source_name, source_text from site where id = ?", rs -> new SiteSource(rs.getString(1), rs.getString(2)), site);
    }

    /** A site file as last imported, its secrets redacted (also in a file stored before redaction existed). */
    public Optional<SiteSource> source(String site) {
        return queryOne("select source_name, source_text from site where id = ?", rs -> new SiteSource(rs.getString(1),
                SecretRedaction.redact(rs.getString(2))), site);
    }

    /**
     * Rows of a query as column-name → value maps: for building the directory, and for tests that look at the tables
     * themselves. Routes use {@link Listings}' typed listings instead.
     */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new java.util.LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Timestamp t) {
                            v = t.toInstant().toString();
                        }
                        if (v != null) {
                            row.put(camel(rs.getMetaData().getColumnLabel(i)), v);
                        }
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RegistryException("registry query failed: " + e.getMessage(), e);
        }
    }

    /** The snapshot the ingest path and the broker use. */
    public SiteDirectory directory() {
        Map<String, String> zones = new HashMap<>();
        for (Map<String, Object> r : rows("select id, time_zone from site")) {
            zones.put((String) r.get("id"), (String) r.get("timeZone"));
        }
        Map<String, Map<String, SiteDirectory.DeviceEntry>> devices = new HashMap<>();
        for (Map<String, Object> r : rows("select site_id, id, gateway_id, building_id, profile from device where removed_at is null")) {
            devices.computeIfAbsent((String) r.get("siteId"), k -> new HashMap<>()).put((String) r.get("id"),
                    new SiteDirectory.DeviceEntry((String) r.get("id"), (String) r.get("gatewayId"), (String) r.get("buildingId"), (String) r.get("profile")));
        }
        Map<String, Map<String, SiteDirectory.GatewayEntry>> gateways = new HashMap<>();
        for (Map<String, Object> r : rows("select site_id, id, building_id, mqtt_username, password_hash from gateway")) {
            gateways.computeIfAbsent((String) r.get("siteId"), k -> new HashMap<>()).put((String) r.get("id"),
                    new SiteDirectory.GatewayEntry((String) r.get("id"), (String) r.get("buildingId"), (String) r.get("mqttUsername"),
                            (String) r.get("passwordHash")));
        }
        Map<String, SiteDirectory.SiteEntry> sites = new HashMap<>();
        zones.forEach((id, zone) -> sites.put(id, new SiteDirectory.SiteEntry(id, zone, devices.getOrDefault(id, Map.of()),
                gateways.getOrDefault(id, Map.of()), List.of(), Map.of())));
        return new SiteDirectory(sites);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RegistryException("registry query failed: " + e.getMessage(), e);
        }
    }



    private static String camel(String column) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }


    private static String en(Label l) {
        return l == null ? null : l.en();
    }

    private static String zh(Label l) {
        return l == null ? null : l.zh();
    }
}
