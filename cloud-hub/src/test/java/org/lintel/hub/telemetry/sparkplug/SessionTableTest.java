package org.lintel.hub.telemetry.sparkplug;

import org.lintel.hub.core.GatewayKey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lintel.hub.TestPostgres;
import org.lintel.hub.storage.Database;
import org.lintel.hub.storage.EmbeddedPostgres;

/** Edge node sessions saved in PostgreSQL as the decoder reports their changes, and read back whole. */
class SessionTableTest {

    private static EdgeNodeSession.BirthMetric m(String device, String name) {
        return new EdgeNodeSession.BirthMetric(device, name, "kWh");
    }

    @Test
    void aSessionSavedBirthByBirthReadsBackAsTheDecoderHadIt() {
        try (Database db = Database.open(TestPostgres.newDatabaseUrl(), TestPostgres.USER, TestPostgres.password())) {
            SessionTable table = new SessionTable(db, Clock.systemUTC());
            GatewayKey node = new GatewayKey("hub-test", "gw-b1");
            table.save(List.of(new EdgeNodeSession(node, 3, true, Map.of("d1", true), Map.of(1L, m("d1", "energy.import.total")),
                    EdgeNodeSession.Change.ALL)));
            // d2 born; then d1 born again with another alias, which d2 had used before; the node's row is updated in place
            table.save(List.of(new EdgeNodeSession(node, 3, true, Map.of("d1", true, "d2", true),
                    Map.of(1L, m("d1", "energy.import.total"), 2L, m("d2", "power.active")), new EdgeNodeSession.Change(false, Set.of("d2")))));
            table.save(List.of(new EdgeNodeSession(node, 3, true, Map.of("d1", true, "d2", false),
                    Map.of(2L, m("d1", "voltage.l1")), new EdgeNodeSession.Change(false, Set.of("d1", "d2")))));
            // another node, reborn: nothing of the first is touched
            table.save(List.of(new EdgeNodeSession(new GatewayKey("hub-test", "gw-b2"), 9, false, Map.of(), Map.of(), EdgeNodeSession.Change.ALL)));

            Map<GatewayKey, EdgeNodeSession> loaded = new java.util.HashMap<>();
            table.load().forEach(s -> loaded.put(s.node(), s));
            EdgeNodeSession b1 = loaded.get(node);
            assertEquals(3, b1.bdSeq());
            assertEquals(Map.of("d1", true, "d2", false), b1.devices());
            assertEquals(Map.of(2L, m("d1", "voltage.l1")), b1.aliases());
            assertEquals(9, loaded.get(new GatewayKey("hub-test", "gw-b2")).bdSeq());

            // a node birth replaces everything the node had
            table.save(List.of(new EdgeNodeSession(node, 4, true, Map.of(), Map.of(), EdgeNodeSession.Change.ALL)));
            EdgeNodeSession reborn = table.load().stream().filter(s -> s.node().equals(node)).findFirst().orElseThrow();
            assertEquals(Map.of(), reborn.devices());
            assertEquals(Map.of(), reborn.aliases());
            assertEquals(4, reborn.bdSeq());
        }
    }
}
