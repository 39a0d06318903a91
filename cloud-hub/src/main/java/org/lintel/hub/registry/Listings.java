package org.lintel.hub.registry;

import static org.lintel.hub.storage.Sql.bind;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lintel.hub.storage.Database;

/** What the registry lists for people: sites, buildings, units, gateways and devices as imported. */
public final class Listings {

    public record SiteListing(String id, String nameEn, String nameZh, String timeZone, String sourceName, Instant importedAt) {
    }

    public record BuildingListing(String id, String nameEn, String nameZh) {
    }

    public record UnitListing(String id, String buildingId, int floor, BigDecimal areaM2, String nameEn, String nameZh) {
    }

    public record GatewayListing(String id, String buildingId, String mqttUsername) {
    }

    public record DeviceListing(String id, String profile, String gatewayId, String buildingId, Integer floor, String servesUnit,
                                String servesCommonArea, String servesBuilding, String nameEn, String nameZh) {
    }

    private static final String DEVICE_COLUMNS = "id, profile, gateway_id, building_id, floor, serves_unit, serves_common_area,"
            + " serves_building, name_en, name_zh";

    private final Database db;

    public Listings(Database db) {
        this.db = db;
    }

    public List<SiteListing> sites() {
        return list("select id, name_en, name_zh, time_zone, source_name, imported_at from site order by id",
                rs -> new SiteListing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
    }

    public List<BuildingListing> buildings(String site) {
        return list("select id, name_en, name_zh from building where site_id = ? order by id",
                rs -> new BuildingListing(rs.getString(1), rs.getString(2), rs.getString(3)), site);
    }

    public List<UnitListing> units(String site) {
        return list("select id, building_id, floor, area_m2, name_en, name_zh from property_unit where site_id = ? order by id",
                rs -> new UnitListing(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getString(5), rs.getString(6)), site);
    }

    public List<GatewayListing> gateways(String site) {
        return list("select id, building_id, mqtt_username from gateway where site_id = ? order by id",
                rs -> new GatewayListing(rs.getString(1), rs.getString(2), rs.getString(3)), site);
    }

    /** The site's devices in service (not removed by a later import). */
    public List<DeviceListing> devices(String site) {
        return list("select " + DEVICE_COLUMNS + " from device where site_id = ? and removed_at is null order by id", Listings::device, site);
    }

    public Optional<DeviceListing> device(String site, String device) {
        return list("select " + DEVICE_COLUMNS + " from device where site_id = ? and id = ?", Listings::device, site, device).stream().findFirst();
    }

    /** Whether the database answers at all. */
    public boolean reachable() {
        return !list("select 1", rs -> rs.getInt(1)).isEmpty();
    }

    private static DeviceListing device(ResultSet rs) throws SQLException {
        int floor = rs.getInt(5);
        return new DeviceListing(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.wasNull() ? null : floor, rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RegistryException("registry query failed: " + e.getMessage(), e);
        }
    }
}
