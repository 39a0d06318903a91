package org.lintel.hub.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.lintel.check.InvalidConfigurationException;

class EscalationFileTest {

    @Test
    void aValidFileGivesAnEscalator() {
        Escalator e = EscalationFile.read(Path.of("src/test/resources/escalation/night-shift.yaml"), Clock.systemUTC());
        assertEquals(0, e.active());
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> EscalationFile.read(Path.of("src/test/resources/escalation/broken.yaml"), Clock.systemUTC()));
        String m = e.getMessage();
        assertTrue(m.contains("broken.yaml:1:"), m);
        assertTrue(m.contains("urgent"), m);
        assertTrue(m.contains("broken.yaml:3:") && m.contains("'ftp://example/duty' is not an http(s) URL"), m);
        assertTrue(m.contains("broken.yaml:6:") && m.contains("notfy"), m);
        assertTrue(m.contains("broken.yaml:7:") && m.contains("no channel 'pager'"), m);
    }

    @Test
    void aFileWithPeopleRostersAndRoutesGivesOneRoutePerBuilding() {
        EscalationFile.Plan plan = EscalationFile.plan(Path.of("src/test/resources/escalation/on-call.yaml"), null);
        assertEquals(1, plan.routes().size());
        Escalator.Route r = plan.routes().get(0);
        assertEquals("building-1", r.name());
        assertEquals("b1", r.building());
        assertEquals(java.util.List.of("roster:b1-duty"), r.policy().steps().get(0).channels());
        assertEquals("zhang-wei", plan.rosters().get("b1-duty").onCall(java.time.Instant.parse("2026-11-22T12:00:00Z")));
        assertEquals(1, plan.people().get("wang-fang").contacts().size());
        assertEquals(Escalator.Flood.DEFAULT, r.flood());
    }

    @Test
    void rosterMistakesAreReportedWithTheirLines() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> EscalationFile.plan(Path.of("src/test/resources/escalation/bad-roster.yaml"), null));
        String m = e.getMessage();
        assertTrue(m.contains("bad-roster.yaml:2:") && m.contains("give at least one of phone, email, webhook: how to reach 张伟"), m);
        assertTrue(m.contains("bad-roster.yaml:3:") && m.contains("a phone number needs transports.sms"), m);
        assertTrue(m.contains("bad-roster.yaml:6:") && m.contains("no person 'li-nа' under people; did you mean 'li-na'?"), m);
        assertTrue(m.contains("bad-roster.yaml:7:") && m.contains("'8 am' is not a time of day; write it as 08:00"), m);
        assertTrue(m.contains("bad-roster.yaml:9:") && m.contains("the override ends (2026-11-21T08:00) before it starts (2026-11-22T08:00)"), m);
        assertTrue(m.contains("bad-roster.yaml:13:") && m.contains("no channel 'roster:b1-dut'; did you mean 'roster:b1-duty'?"), m);
    }
}
