package org.lintel.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The launcher says what is wrong with its arguments instead of printing a stack trace. */
class EdgeMainTest {

    @Test
    void aGatewayTheSiteDoesNotHaveIsNamedWithTheOnesItHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeMain.run(new String[] {"--site", EdgeHarness.site().toString(), "--gateway", "gw-b9"}));
        assertEquals("site edge-test has no gateway 'gw-b9'; it has: [gw-b1]", e.getMessage());
    }

    @Test
    void aBadMaximumSilentIntervalIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeMain.run(new String[] {"--site", EdgeHarness.site().toString(), "--gateway", "gw-b1", "--max-silent", "soon"}));
        assertEquals("--max-silent: expected a duration such as 500ms, 5s, 15m, 1h or 1d, at most 3650d", e.getMessage().replaceAll(", found.*", ""));
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeMain.options(new String[] {"--site", "s.yaml", "--gateway", "gw-b1", "--brokr", "tcp://x:1883"}));
        assertEquals("unknown option --brokr; known: --print, --help, --site, --gateway, --metrics-port, --metrics-host, --max-silent, --data, --broker",
                e.getMessage());
    }

    @Test
    void anOptionFollowedByAnotherOptionIsMissingItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeMain.options(new String[] {"--site", "--gateway", "gw-b1"}));
        assertEquals("option --site needs a value", e.getMessage());
    }

    @Test
    void theBrokerOptionIsRead() {
        assertEquals("tcp://127.0.0.1:1884",
                EdgeMain.options(new String[] {"--site", "s.yaml", "--gateway", "gw-b1", "--print", "--broker", "tcp://127.0.0.1:1884"})
                        .get("broker"));
    }

    @Test
    void aMetricsPortInUseIsNamedWithWhatToDo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.nio.file.Path data = java.nio.file.Files.createTempDirectory("edge-main-port");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeMain.run(new String[] {"--site",
                    EdgeHarness.site().toString(), "--gateway", "gw-b1", "--data", data.toString(), "--metrics-port",
                    Integer.toString(taken.getLocalPort())}));
            assertEquals("--metrics-port " + taken.getLocalPort() + " is already in use on this machine (another gateway, such as one that"
                    + " run.sh started?); give each gateway its own port, or --metrics-port 0 for any free one", e.getMessage());
        }
    }
}
