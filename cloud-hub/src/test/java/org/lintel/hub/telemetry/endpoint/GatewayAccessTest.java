package org.lintel.hub.telemetry.endpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lintel.hub.core.HubMetrics;

class GatewayAccessTest {

    final GatewayAccess access = new GatewayAccess(() -> null, new HubMetrics());
    final GatewayAccess.Login gw = new GatewayAccess.Login("s1", "gw-b1", "gw-b1");

    @ParameterizedTest
    @ValueSource(strings = {"spBv1.0/s1/NCMD/gw-b1", "spBv1.0/s1/NCMD/gw-b1/#", "spBv1.0/s1/DCMD/gw-b1/#", "spBv1.0/s1/DCMD/gw-b1/+",
            "spBv1.0/s1/DCMD/gw-b1/b1-0101-em", "spBv1.0/STATE/lintel-hub"})
    void aGatewayMaySubscribeToItsOwnCommandsTheWayLintelAndTahuNodesDo(String filter) {
        assertTrue(access.maySubscribe(gw, filter), filter);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spBv1.0/s1/NCMD/#", "spBv1.0/s1/NCMD/+", "spBv1.0/s1/NCMD/gw-b2/#", "spBv1.0/s1/NCMD/gw-b1x/#", "spBv1.0/s1/DCMD/gw-b1/+/#",
            "spBv1.0/s1/DCMD/gw-b1/a/b", "spBv1.0/s2/NCMD/gw-b1/#", "spBv1.0/s1/DDATA/gw-b1/#", "spBv1.0/#", "#", "spBv1.0/s1/+/gw-b1/#"})
    void aGatewayMayNotSubscribeToAnythingThatCouldMatchAnotherNodesTraffic(String filter) {
        assertFalse(access.maySubscribe(gw, filter), filter);
    }

    @Test
    void aFilterThatEndsInASlashIsNotADeviceId() {
        assertFalse(access.maySubscribe(gw, "spBv1.0/s1/DCMD/gw-b1/"));
    }
}
