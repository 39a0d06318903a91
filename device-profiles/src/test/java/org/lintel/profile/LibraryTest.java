package org.lintel.profile;

import org.lintel.profile.library.ProfileLibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;
import org.lintel.site.Site;
import org.lintel.site.SiteLoader;

/** The shipped library and the sample community are valid, complete and what the issue asks for. */
class LibraryTest {

    static final Path PROFILES = Path.of("profiles");
    static final Path SAMPLE = Path.of("sites/sample-community.yaml");

    @Test
    void everyProfileFileIsListedInTheBuiltInIndex() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(PROFILES)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        assertEquals(files, ProfileLibrary.builtInFileNames(getClass().getClassLoader()).stream().sorted().toList());
    }

    @Test
    void theBuiltInLibraryLoadsWithoutAnyProblem() {
        Problems problems = new Problems();
        ProfileLibrary library = ProfileLibrary.builtIn(problems);
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(6, library.all().size());
        assertTrue(library.all().stream().anyMatch(p -> p.protocol() == Protocol.OPCUA));
        assertTrue(library.all().stream().anyMatch(p -> p.protocol() == Protocol.COAP));
        assertTrue(library.all().stream().allMatch(p -> p.source() != null && !p.source().isBlank()), "every profile names its source");
    }

    @Test
    void theSampleCommunityHasTwoBuildingsOfAHundredMeteredUnits() {
        SiteLoader.Loaded loaded = SiteLoader.load(SAMPLE);
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        Site site = loaded.orThrow();
        assertEquals(2, site.buildings().size());
        assertEquals(200, site.units().count());
        for (String unit : site.units().map(u -> u.id()).toList()) {
            long electricity = site.devices().stream().filter(d -> d.serves() != null && unit.equals(d.serves().unit()) && d.profile().equals("eastron-sdm120")).count();
            long water = site.devices().stream().filter(d -> d.serves() != null && unit.equals(d.serves().unit()) && d.profile().equals("xintai-water-meter")).count();
            assertEquals(1, electricity, unit + " has one electricity meter");
            assertEquals(1, water, unit + " has one water meter");
        }
        assertEquals(4, site.devices().stream().filter(d -> d.profile().equals("lintel-lift-monitor-opcua")).count());
        assertEquals(40, site.devices().stream().filter(d -> d.profile().equals("lintel-smoke-detector-coap")).count());
        assertTrue(site.devices().stream().anyMatch(d -> d.serves() != null && d.serves().commonArea() != null), "common-area meters");
    }

    @Test
    void aLibraryJoinedWithAnotherKeepsItsOwnProfileOfAnIdBothHave() {
        ProfileLibrary site = ProfileLibrary.load(List.of(PROFILES.resolve("eastron-sdm120.yaml")), new Problems());
        ProfileLibrary builtIn = ProfileLibrary.builtIn(new Problems());
        ProfileLibrary joined = site.with(builtIn);
        org.junit.jupiter.api.Assertions.assertEquals(site.find("eastron-sdm120").orElseThrow().file(), joined.find("eastron-sdm120").orElseThrow().file());
        org.junit.jupiter.api.Assertions.assertEquals(builtIn.ids(), joined.ids());
    }
}
