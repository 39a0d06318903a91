package org.lintel.hub.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.EmbeddedPostgres;

/** Migrations moved into one folder per domain; a database migrated before the move must still open. */
class MigrationLayoutTest {

    @Test
    void aDatabaseMigratedFromTheFlatFolderOfEarlierReleasesOpensWithoutComplaint(@TempDir Path flat) throws Exception {
        Path domains = Path.of(MigrationLayoutTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.walk(domains)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, flat.resolve(f.getFileName().toString()));
            }
        }
        String url = TestPostgres.newDatabaseUrl();
        Flyway.configure().dataSource(url, TestPostgres.USER, TestPostgres.password()).locations("filesystem:" + flat).load().migrate();
        try (Database db = Database.open(url, TestPostgres.USER, TestPostgres.password()); Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from flyway_schema_history where success")) {
            rs.next();
            try (Stream<Path> files = Files.list(flat)) {
                assertEquals(files.count(), rs.getLong(1), "each migration applied once, none again after the move");
            }
        }
    }
}
