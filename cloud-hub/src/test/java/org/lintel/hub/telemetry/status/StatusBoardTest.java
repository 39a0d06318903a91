package org.lintel.hub.telemetry.status;

import org.lintel.hub.TestClock;
import org.lintel.hub.core.DeviceKey;
import org.lintel.hub.core.GatewayKey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

    static final Instant T = Instant.parse("2026-11-22T00:00:00Z");

    @Test
    void aBornDeviceThatFallsSilentBecomesStaleAndTheAnswerSaysSinceWhen() {
        TestClock clock = new TestClock(T);
        StatusBoard board = new StatusBoard(k -> Duration.ofMinutes(15), clock);
        board.gateway(new GatewayKey("s", "gw"), true);
        board.device(new GatewayKey("s", "gw"), new DeviceKey("s", "m1"), true);
        board.seen(new DeviceKey("s", "m1"), T.plusSeconds(60));
        clock.now = T.plus(Duration.ofMinutes(10));
        assertEquals(StatusBoard.State.ONLINE, board.deviceStatus("s", "gw", "m1").state());
        clock.now = T.plus(Duration.ofMinutes(20));
        StatusBoard.Status s = board.deviceStatus("s", "gw", "m1");
        assertEquals(StatusBoard.State.STALE, s.state());
        assertEquals(T.plusSeconds(60).plus(Duration.ofMinutes(15)), s.since());
    }

    @Test
    void theDeathOfAGatewayTakesItsDevicesOffline() {
        TestClock clock = new TestClock(T);
        StatusBoard board = new StatusBoard(k -> Duration.ofMinutes(15), clock);
        board.gateway(new GatewayKey("s", "gw"), true);
        board.device(new GatewayKey("s", "gw"), new DeviceKey("s", "m1"), true);
        clock.now = T.plusSeconds(30);
        board.gateway(new GatewayKey("s", "gw"), false);
        assertEquals(StatusBoard.State.OFFLINE, board.deviceStatus("s", "gw", "m1").state());
        assertEquals(T.plusSeconds(30), board.deviceStatus("s", "gw", "m1").since());
        assertEquals(StatusBoard.State.UNKNOWN, board.deviceStatus("s", "gw", "never-born").state());
    }
}
