package org.lintel.sim.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lintel.sim.SimHarness;

/** The command line names the option it cannot use. */
class SimulatorMainTest {

    @Test
    void aNonNumericOptionIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.run(new String[] {"--site", SimHarness.site().toString(), "--speed", "fast"}));
        assertEquals("--speed: expected a number, found 'fast'", e.getMessage());
    }

    @Test
    void aBadStartInstantIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulatorMain.run(new String[] {"--site", SimHarness.site().toString(), "--start", "tomorrow"}));
        assertEquals("--start: expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, found 'tomorrow'", e.getMessage());
    }
}
