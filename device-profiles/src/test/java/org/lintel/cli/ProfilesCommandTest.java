package org.lintel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lintel.Fixtures;

/** The validator command's exit codes and output. */
class ProfilesCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new ProfilesCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    @Test
    void theLibraryAndTheSampleSiteValidateWithExitCodeZeroAndASummary() {
        assertEquals(0, run("validate", "profiles", "sites"), err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Profiles: 6 checked"), text);
        assertTrue(text.contains("Site lintel-garden (Lintel Garden / 琳泰花园)"), text);
        assertTrue(text.contains("building b1: 20 floors, 100 units"), text);
        assertTrue(text.contains("tariff sites/sample-community.tariffs.yaml: site lintel-garden, 6 fee items"), text);
        assertTrue(text.contains("0 error(s), 0 warning(s) in 8 file(s)"), text);
    }

    @Test
    void aBrokenProfileGivesExitCodeOneAndItsMessages() {
        assertEquals(1, run("validate", Fixtures.path("broken-profiles/sdm630-word-count.yaml").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("point voltage.l1: field 'modbus.count': float32 needs 2 registers, count is 1"));
    }

    @Test
    void aSiteUsingAProfileGivenOnTheCommandLineFindsIt() {
        assertEquals(0, run("validate", Fixtures.path("good").toString()), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingPathIsReportedNotThrown() {
        assertEquals(1, run("validate", "no/such/folder"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no/such/folder: no such file or folder"));
    }

    @Test
    void wrongArgumentsPrintUsageAndExitTwo() {
        assertEquals(2, run("check"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    }
}
