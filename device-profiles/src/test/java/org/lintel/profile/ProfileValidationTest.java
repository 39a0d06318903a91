package org.lintel.profile;

import org.lintel.profile.library.ProfileLibrary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lintel.Fixtures.assertReports;
import static org.lintel.Fixtures.profileProblems;

import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;

/** Each check of the profile language rejects a broken fixture with a message naming file, line, column and field. */
class ProfileValidationTest {

    @Test
    void aFloat32PointGivenOneRegisterIsRejectedWithTheRegisterCountItNeeds() {
        assertReports(profileProblems("broken-profiles/sdm630-word-count.yaml"),
                "sdm630-word-count.yaml:16:56: point voltage.l1: field 'modbus.count': float32 needs 2 registers, count is 1");
    }

    @Test
    void unknownKeysAreReportedWithTheClosestKnownKey() {
        Problems p = profileProblems("broken-profiles/typo-keys.yaml");
        assertReports(p, "typo-keys.yaml:8:3: field 'modbus.wordOrdr' is not known here; did you mean 'wordOrder'?");
        assertReports(p, "typo-keys.yaml:16:5: point voltage: field 'polGroup' is not known here; did you mean 'pollGroup'?");
    }

    @Test
    void valuesOfTheWrongTypeAreReportedWithWhatWasExpected() {
        Problems p = profileProblems("broken-profiles/wrong-types.yaml");
        assertReports(p, "wrong-types.yaml:9:9: field 'pollGroups.fast': expected a duration such as 500ms, 5s, 15m, 1h or 1d, at most 3650d, found 'five seconds'");
        assertReports(p, "wrong-types.yaml:13:11: point voltage: field 'type': expected one of bool, int16, uint16, int32, uint32, int64,"
                + " uint64, float32, float64, string, bitfield, found 'float23'; did you mean 'float32'?");
        assertReports(p, "wrong-types.yaml:15:12: point voltage: field 'scale': expected a number, found 'ten'");
        assertReports(p, "wrong-types.yaml:16:46: point voltage: field 'modbus.address': expected a whole number, found 'forty'");
    }

    @Test
    void overlappingRegistersAndReusedBitsAreRejectedButBitsOfAStatusWordAreAllowed() {
        Problems p = profileProblems("broken-profiles/overlap.yaml");
        assertReports(p, "overlap.yaml:17:5: point voltage.l2: input-register addresses 1..2 overlaps point voltage.l1 (addresses 0..1);"
                + " check the address and count against the register map");
        assertReports(p, "overlap.yaml:35:5: point status.fault: bit 0 of holding-register 10 is already point status.run");
        // status.run (bit 0) inside the status.word register it belongs to is not an overlap
        assertEquals(2, p.errorCount(), p.toString());
    }

    @Test
    void aPointNameUsedTwiceIsRejectedNamingTheFirstLine() {
        assertReports(profileProblems("broken-profiles/duplicate-names.yaml"),
                "duplicate-names.yaml:17:5: point voltage: the name is used twice (first at line 11); every point of a device needs its own name");
    }

    @Test
    void aUnitOutsideTheVocabularyIsRejectedWithTheNearestUnit() {
        assertTrue(profileProblems("broken-profiles/units-and-counters.yaml").sorted().stream().anyMatch(p -> p.toString().startsWith(
                "units-and-counters.yaml:14:11: point energy.import.total: field 'unit': 'kWhr' is not in the unit vocabulary; did you mean 'kWh'?")));
    }

    @Test
    void aCounterWithoutARolloverLimitIsRejected() {
        assertTrue(profileProblems("broken-profiles/units-and-counters.yaml").sorted().stream().anyMatch(p -> p.toString().startsWith(
                "units-and-counters.yaml:18:5: point energy.export.total: field 'rollover' is missing; expected the value at which this counter wraps to zero")));
    }

    @Test
    void addressZeroIsRejectedWhenTheManualNumbersRegistersFromOne() {
        assertReports(profileProblems("broken-profiles/units-and-counters.yaml"),
                "units-and-counters.yaml:23:46: point energy.export.total: field 'modbus.address': 0 does not exist with addressBase 1"
                        + " (registers are numbered from 1); use 1, or set addressBase: 0");
    }

    @Test
    void everyProblemOfAFileIsReportedInOneRun() {
        Problems p = profileProblems("broken-profiles/many-problems.yaml");
        assertReports(p, "many-problems.yaml:9:11: point Car-Position: field 'name': 'Car-Position' is not a canonical name;"
                + " use lower-case dotted words such as energy.import.total");
        assertReports(p, "many-problems.yaml:13:19: point Car-Position: field 'opcua.node': 'ns=2;s=Lift.CarPosition' names the namespace"
                + " by index; write the namespace URI instead (nsu=<uri>;s=...), because indexes differ between servers and restarts");
        assertReports(p, "many-problems.yaml:14:5: point door.state: field 'states' is missing; expected the raw values and their state"
                + " names, e.g. {0: normal, 1: pre-alarm, 2: fire}");
        assertReports(p, "many-problems.yaml:18:5: point fault.code: field 'pollGroup' is missing; expected the poll group that reads"
                + " this point (one of slow)");
        assertReports(p, "many-problems.yaml:26:13: alarm motor: field 'equals': 'motor-falut' is not a state of fault.code;"
                + " did you mean 'motor-fault'? (states: none, motor-fault)");
        assertReports(p, "many-problems.yaml:30:12: alarm fire: field 'above': above compares numbers, but fault.code is a state; use equals or in");
        assertReports(p, "many-problems.yaml:31:15: alarm fire: field 'priority': expected one of life-safety, critical, major, minor,"
                + " warning, found 'urgent'");
        assertEquals(7, p.errorCount(), p.toString());
    }

    @Test
    void aYamlSyntaxErrorIsReportedAtItsLine() {
        assertReports(profileProblems("broken-profiles/not-yaml.yaml"),
                "not-yaml.yaml:5:4: not valid YAML: expected <block end>, but found '<block mapping start>' (while parsing a block collection)");
    }

    @Test
    void aKeyWrittenTwiceIsReportedWithBothLines() {
        Problems p = profileProblems("broken-profiles/duplicate-key.yaml");
        assertReports(p, "duplicate-key.yaml:6:1: field 'model' appears twice (first at line 3); keep one");
        assertReports(p, "duplicate-key.yaml:12:11: point temperature: field 'coap.field' is missing; expected the SenML record name"
                + " (base name + name), e.g. /3303/0/5700");
    }

    @Test
    void aProfileWithErrorsIsNotReturnedForUse() {
        Problems p = new Problems();
        assertFalse(ProfileLibrary.readFile(org.lintel.Fixtures.path("broken-profiles/overlap.yaml"), "overlap.yaml", p).isPresent());
        assertTrue(p.hasErrors());
    }

    @Test
    void rateAlarmsNeedAWindowAndAPositiveChange() {
        Problems p = profileProblems("broken-profiles/rate-alarms.yaml");
        assertReports(p, "rate-alarms.yaml:15:5: alarm heat-rate-of-rise: field 'within' is missing; expected the window the change is measured over,"
                + " e.g. 1m (risesBy: 8 within: 1m is a rise of 8 in a minute)");
        assertReports(p, "rate-alarms.yaml:21:14: alarm cooling-fast: field 'fallsBy': fallsBy is the size of the change and must be positive, was -3");
        assertReports(p, "rate-alarms.yaml:27:13: alarm too-warm: field 'within': a window applies to risesBy and fallsBy only");
    }

    @Test
    void theSmokeDetectorsRateOfRiseAlarmIsReadWithItsWindow() {
        var library = ProfileLibrary.builtIn(new Problems());
        var rise = library.find("lintel-smoke-detector-coap").orElseThrow().alarms().stream().filter(a -> a.type().equals("heat-rate-of-rise"))
                .findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertEquals(AlarmCondition.Test.RISES, rise.test());
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofMinutes(1), rise.within());
        org.junit.jupiter.api.Assertions.assertEquals(0, new java.math.BigDecimal("8").compareTo(rise.threshold()));
    }
}
