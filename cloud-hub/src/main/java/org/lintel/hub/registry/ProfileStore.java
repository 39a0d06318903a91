package org.lintel.hub.registry;

import static org.lintel.hub.storage.Sql.exec;
import static org.lintel.hub.storage.Sql.ts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lintel.hub.storage.Database;

/** The device profiles engineers uploaded, as the text they sent (table {@code uploaded_profile}). */
public final class ProfileStore {

    /** One uploaded profile file. */
    public record Upload(String id, String fileName, String body, Instant uploadedAt, String uploadedBy) {
    }

    private final Database db;

    public ProfileStore(Database db) {
        this.db = db;
    }

    /** Keeps the profile's text, replacing an earlier upload of the same id. */
    public void save(Upload u) {
        try (Connection c = db.connection()) {
            exec(c, "insert into uploaded_profile (id, file_name, body, uploaded_at, uploaded_by) values (?, ?, ?, ?, ?)"
                    + " on conflict (id) do update set file_name = excluded.file_name, body = excluded.body,"
                    + " uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by",
                    u.id(), u.fileName(), u.body(), ts(u.uploadedAt()), u.uploadedBy());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store profile " + u.id() + ": " + e.getMessage(), e);
        }
    }

    /** Every uploaded profile, by id. */
    public List<Upload> all() {
        List<Upload> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("select id, file_name, body, uploaded_at, uploaded_by from uploaded_profile order by id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Upload(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uploaded profiles: " + e.getMessage(), e);
        }
        return out;
    }
}
