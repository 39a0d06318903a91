package org.lintel.hub.alarm;

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
}
