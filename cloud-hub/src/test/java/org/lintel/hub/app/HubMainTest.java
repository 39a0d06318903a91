package org.lintel.hub.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The hub's command line: numbers out of range are refused naming the option and what would be right. */
class HubMainTest {

    @Test
    void theGatewayRateMayBeZeroForNoLimitButNotNegative() {
        assertEquals(HubConfig.Gateways.DEFAULT_MAX_GATEWAY_RATE, HubMain.parse(new String[] {}).gateways().maxGatewayRate());
        assertEquals(0, HubMain.parse(new String[] {"--max-gateway-rate", "0"}).gateways().maxGatewayRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[] {"--max-gateway-rate", "-1"}));
        assertEquals("--max-gateway-rate: must be 0 or more, found -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[] {"--max-gateway-rate", "fast"}));
        assertEquals("--max-gateway-rate: 'fast' is not a whole number", e.getMessage());
    }

    @Test
    void consumerCountsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubMain.parse(new String[] {"--mqtt-consumers", "0"}));
        assertEquals("--mqtt-consumers: must be positive, found 0", e.getMessage());
        assertEquals(2, HubMain.writeAcl(new String[] {"--mosquitto-acl", "/tmp/never-written", "--mqtt-consumers", "0"}));
    }
}
