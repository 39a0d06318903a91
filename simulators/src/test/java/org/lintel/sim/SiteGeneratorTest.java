package org.lintel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;
import org.lintel.sim.generate.SiteGenerator;

/** Generated sites are valid and as large as asked. */
class SiteGeneratorTest {

    @Test
    void aGeneratedCommunityValidatesWithoutAnyProblem() throws Exception {
        Path file = Files.createTempFile("generated", ".yaml");
        Files.writeString(file, SiteGenerator.write(SiteGenerator.Plan.of(3, 12, 4)));
        SiteLoader.Loaded loaded = SiteLoader.load(file);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        Site site = loaded.orThrow();
        assertEquals(3 * 12 * 4, site.units().count());
        long meters = site.devices().stream().filter(d -> d.serves() != null && d.serves().unit() != null).count();
        assertEquals(2 * 3 * 12 * 4, meters, "an electricity and a water meter per unit");
        assertEquals(3 * 2, site.devices().stream().filter(d -> d.profile().equals("lintel-lift-monitor-opcua")).count());
        assertEquals(3 * 12 * (1 + 4), site.devices().stream().filter(d -> d.profile().equals("lintel-smoke-detector-coap")).count(),
                "a detector per floor landing and per unit");
    }

    @Test
    void aLargeCommunityKeepsEachBusWithinItsUnitLimit() throws Exception {
        Path file = Files.createTempFile("generated", ".yaml");
        Files.writeString(file, SiteGenerator.write(SiteGenerator.Plan.of(20, 30, 4)));
        SiteLoader.Loaded loaded = SiteLoader.load(file);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().sorted().stream().limit(5).toList().toString());
        Site site = loaded.orThrow();
        assertTrue(site.devices().size() >= 5000, "devices: " + site.devices().size());
    }
}
