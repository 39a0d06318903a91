package org.lintel.hub.maintenance.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.lintel.hub.maintenance.MaintenanceException;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/**
 * The equipment ledger: every device of the site files, with what its profile says (maker, model), plus what people
 * add by hand or from a CSV file: equipment without telemetry, and for devices the serial, dates, supplier and
 * warranty. A status change is kept with who, when and why.
 */
public final class EquipmentLedger {

    /** A device of the site files as the ledger lists it. */
    public record Device(String id, String kind, String profile, String building, String floor, String manufacturer, String model) {
    }

    static final List<String> CSV_COLUMNS = List.of("id", "kind", "name_zh", "name_en", "building", "floor", "area", "model", "manufacturer",
            "serial", "installed_on", "commissioned_on", "supplier", "warranty_until", "parent", "status", "documents");

    private final Database db;
    private final Function<String, List<Device>> devices;
    private final Clock clock;

    public EquipmentLedger(Database db, Function<String, List<Device>> devices, Clock clock) {
        this.db = db;
        this.devices = devices;
        this.clock = clock;
    }

    public List<Equipment> list(String site) {
        Map<String, Equipment> own = new LinkedHashMap<>();
        for (Equipment e : rows(site)) {
            own.put(e.id(), e);
        }
        List<Equipment> out = new ArrayList<>();
        for (Device d : devices.apply(site)) {
            Equipment e = own.remove(d.id());
            out.add(e == null ? new Equipment(site, d.id(), d.kind(), null, null, true, d.profile(), d.building(), d.floor(), null, d.model(),
                    d.manufacturer(), null, null, null, null, null, null, "in-service", List.of())
                    : new Equipment(site, d.id(), e.kind(), e.nameZh(), e.nameEn(), true, d.profile(), d.building(), e.floor() != null ? e.floor() : d.floor(),
                    e.area(), e.model() != null ? e.model() : d.model(), e.manufacturer() != null ? e.manufacturer() : d.manufacturer(), e.serial(),
                    e.installedOn(), e.commissionedOn(), e.supplier(), e.warrantyUntil(), e.parent(), e.status(), e.documents()));
        }
        out.addAll(own.values());
        return out;
    }

    public Optional<Equipment> find(String site, String id) {
        return list(site).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Adds or changes one entry from a request's fields. */
    public Equipment put(String site, String id, Map<String, Object> body, String by) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((k, v) -> fields.put(k, v == null ? null : v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList())
                : String.valueOf(v)));
        store(site, parse(site, id, fields, null, ""), by);
        return find(site, id).orElseThrow();
    }

    /**
     * Imports a CSV file (header: {@link #CSV_COLUMNS}, id and kind required): all rows or none; a mistake is named by
     * file line and column. Returns how many rows were stored.
     */
    public int importCsv(String site, String file, String text, String by) {
        List<Equipment> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(new StringReader(text))) {
            List<String> unknown = p.getHeaderNames().stream().filter(h -> !CSV_COLUMNS.contains(h)).toList();
            if (!unknown.isEmpty() || !p.getHeaderNames().contains("id") || !p.getHeaderNames().contains("kind")) {
                throw MaintenanceException.invalid("file", file + ":1: the header must name id and kind, and may name " + CSV_COLUMNS
                        + (unknown.isEmpty() ? "" : "; unknown columns: " + unknown));
            }
            for (CSVRecord r : p) {
                Map<String, String> f = new LinkedHashMap<>(r.toMap());
                f.replaceAll((k, v) -> v == null || v.isBlank() ? null : v);
                String where = file + ":" + (r.getRecordNumber() + 1);
                try {
                    rows.add(parse(site, f.get("id"), camel(f), rows, where + ": "));
                } catch (MaintenanceException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw MaintenanceException.invalid("file", file + ": not a CSV file: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw MaintenanceException.invalid("file", String.join("; ", problems));
        }
        rows.forEach(e -> store(site, e, by));
        return rows.size();
    }

    private static Map<String, String> camel(Map<String, String> csv) {
        Map<String, String> m = new LinkedHashMap<>();
        csv.forEach((k, v) -> {
            StringBuilder b = new StringBuilder();
            boolean up = false;
            for (char c : k.toCharArray()) {
                if (c == '_') {
                    up = true;
                } else {
                    b.append(up ? Character.toUpperCase(c) : c);
                    up = false;
                }
            }
            m.put(b.toString(), v);
        });
        return m;
    }

    private Equipment parse(String site, String id, Map<String, String> f, List<Equipment> alsoNew, String where) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,79}")) {
            throw MaintenanceException.invalid("id", where + "id is letters, digits, '.', '_' and '-', up to 80 characters, not '" + id + "'");
        }
        for (String k : f.keySet()) {
            if (!List.of("id", "kind", "nameZh", "nameEn", "building", "floor", "area", "model", "manufacturer", "serial", "installedOn",
                    "commissionedOn", "supplier", "warrantyUntil", "parent", "status", "documents", "note").contains(k)) {
                throw MaintenanceException.invalid(k, where + k + " is not a field of the equipment ledger");
            }
        }
        Optional<Equipment> known = find(site, id);
        String kind = f.get("kind") != null ? f.get("kind") : known.map(Equipment::kind).orElse(null);
        if (kind == null || kind.isBlank()) {
            throw MaintenanceException.invalid("kind", where + "kind is required (lift, pump, extinguisher, hydrant, door, street-light, …)");
        }
        String status = f.get("status") != null ? f.get("status") : known.map(Equipment::status).orElse("in-service");
        if (!Equipment.STATUSES.contains(status)) {
            throw MaintenanceException.invalid("status", where + "status is one of " + Equipment.STATUSES + ", not '" + status + "'");
        }
        String parent = f.get("parent");
        if (parent != null && (parent.equals(id) || find(site, parent).isEmpty() && (alsoNew == null || alsoNew.stream().noneMatch(e -> e.id().equals(parent))))) {
            throw MaintenanceException.invalid("parent", where + "parent '" + parent + "' is " + (parent.equals(id) ? "the equipment itself" : "not in the ledger"));
        }
        LocalDate installed = date(f.get("installedOn"), "installedOn", where);
        LocalDate commissioned = date(f.get("commissionedOn"), "commissionedOn", where);
        if (installed != null && commissioned != null && commissioned.isBefore(installed)) {
            throw MaintenanceException.invalid("commissionedOn", where + "commissionedOn (" + commissioned + ") is before installedOn (" + installed + ")");
        }
        return new Equipment(site, id, kind, f.get("nameZh"), f.get("nameEn"), false, null, f.get("building"), f.get("floor"), f.get("area"),
                f.get("model"), f.get("manufacturer"), f.get("serial"), installed, commissioned, f.get("supplier"),
                date(f.get("warrantyUntil"), "warrantyUntil", where), parent, status,
                f.containsKey("documents") ? documents(f.get("documents"), where) : known.map(Equipment::documents).orElse(List.of()));
    }

    /**
     * Where the equipment's papers are (a manual, an inspection certificate, a maintenance contract): links or file names,
     * separated by ';' in a CSV cell.
     */
    private static List<String> documents(String v, String where) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String d : v.split(";")) {
            String t = d.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > 500 || t.chars().anyMatch(Character::isISOControl)) {
                throw MaintenanceException.invalid("documents", where + "documents holds links or file names of up to 500 characters, separated by ';'");
            }
            out.add(t);
        }
        if (out.size() > 20) {
            throw MaintenanceException.invalid("documents", where + "documents lists at most 20 papers, not " + out.size());
        }
        return out;
    }

    private static LocalDate date(String v, String field, String where) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw MaintenanceException.invalid(field, where + field + " must be a date such as 2019-06-30, not '" + v + "'");
        }
    }

    /** Changes an entry's status, with the reason, and keeps the change in its history. */
    public Equipment status(String site, String id, String status, String why, String by) {
        Equipment e = find(site, id).orElseThrow(() -> MaintenanceException.notFound("site " + site + " has no equipment " + id));
        if (!Equipment.STATUSES.contains(status)) {
            throw MaintenanceException.invalid("status", "status is one of " + Equipment.STATUSES + ", not '" + status + "'");
        }
        store(site, new Equipment(site, id, e.kind(), e.nameZh(), e.nameEn(), e.telemetry(), e.profile(), e.building(), e.floor(), e.area(), e.model(),
                e.manufacturer(), e.serial(), e.installedOn(), e.commissionedOn(), e.supplier(), e.warrantyUntil(), e.parent(), status, e.documents()),
                by, why);
        return find(site, id).orElseThrow();
    }

    public List<Map<String, Object>> history(String site, String id) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "select status, at, by_whom, why from equipment_status where site_id = ? and equipment = ? order by at, id")) {
            ps.setString(1, site);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("status", rs.getString(1));
                    m.put("at", rs.getTimestamp(2).toInstant().toString());
                    m.put("by", rs.getString(3));
                    m.put("why", rs.getString(4));
                    out.add(m);
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the status history of " + id, e);
        }
        return out;
    }

    private void store(String site, Equipment e, String by) {
        store(site, e, by, null);
    }

    private void store(String site, Equipment e, String by, String why) {
        Optional<Equipment> before = find(site, e.id());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("insert into equipment (site_id, id, kind, name_zh, name_en, building_id, floor, area, model,"
                    + " manufacturer, serial, installed_on, commissioned_on, supplier, warranty_until, parent_id, status, documents)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,cast(? as jsonb))"
                    + " on conflict (site_id, id) do update set kind = excluded.kind, name_zh = excluded.name_zh, name_en = excluded.name_en,"
                    + " building_id = excluded.building_id, floor = excluded.floor, area = excluded.area, model = excluded.model,"
                    + " manufacturer = excluded.manufacturer, serial = excluded.serial, installed_on = excluded.installed_on,"
                    + " commissioned_on = excluded.commissioned_on, supplier = excluded.supplier, warranty_until = excluded.warranty_until,"
                    + " parent_id = excluded.parent_id, status = excluded.status, documents = excluded.documents")) {
                Object[] a = {site, e.id(), e.kind(), e.nameZh(), e.nameEn(), e.building(), e.floor(), e.area(), e.model(), e.manufacturer(), e.serial(),
                    sqlDate(e.installedOn()), sqlDate(e.commissionedOn()), e.supplier(), sqlDate(e.warrantyUntil()), e.parent(), e.status(),
                    org.lintel.hub.maintenance.WorkOrderStore.json(e.documents())};
                for (int i = 0; i < a.length; i++) {
                    ps.setObject(i + 1, a[i]);
                }
                ps.executeUpdate();
                if (before.isEmpty() || !before.get().status().equals(e.status())) {
                    try (PreparedStatement h = c.prepareStatement("insert into equipment_status (site_id, equipment, status, at, by_whom, why) values (?,?,?,?,?,?)")) {
                        h.setString(1, site);
                        h.setString(2, e.id());
                        h.setString(3, e.status());
                        h.setObject(4, Sql.ts(clock.instant()));
                        h.setString(5, by);
                        h.setString(6, why);
                        h.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException x) {
                c.rollback();
                throw x;
            }
        } catch (SQLException x) {
            throw Sql.failed("storing equipment " + e.id(), x);
        }
    }

    private List<Equipment> rows(String site) {
        List<Equipment> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("select id, kind, name_zh, name_en, building_id, floor, area, model,"
                + " manufacturer, serial, installed_on, commissioned_on, supplier, warranty_until, parent_id, status, documents::text from equipment"
                + " where site_id = ? order by id")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Equipment(site, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), false, null, rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), local(rs.getDate(11)),
                            local(rs.getDate(12)), rs.getString(13), local(rs.getDate(14)), rs.getString(15), rs.getString(16),
                            org.lintel.hub.maintenance.WorkOrderStore.strings(rs.getString(17))));
                }
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the equipment ledger of " + site, e);
        }
        return out;
    }

    private static Date sqlDate(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static LocalDate local(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
