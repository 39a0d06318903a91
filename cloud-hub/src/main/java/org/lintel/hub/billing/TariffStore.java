package org.lintel.hub.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.Sql;

/** Each site's tariff file as uploaded (table {@code tariff_file}). */
public final class TariffStore {

    /** A stored tariff file. */
    public record Source(String site, String name, String text, Instant importedAt, String importedBy) {
    }

    private final Database db;

    public TariffStore(Database db) {
        this.db = db;
    }

    public void save(Source s) {
        try (Connection c = db.connection()) {
            Sql.exec(c, "insert into tariff_file (site_id, source_name, source_text, imported_at, imported_by) values (?,?,?,?,?)"
                    + " on conflict (site_id) do update set source_name = excluded.source_name, source_text = excluded.source_text,"
                    + " imported_at = excluded.imported_at, imported_by = excluded.imported_by",
                    s.site(), s.name(), s.text(), Sql.ts(s.importedAt()), s.importedBy());
        } catch (SQLException e) {
            throw Sql.failed("storing the tariff of " + s.site(), e);
        }
    }

    public Optional<Source> find(String site) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select source_name, source_text, imported_at, imported_by from tariff_file where site_id = ?")) {
            ps.setString(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Source(site, rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the tariff of " + site, e);
        }
    }
}
