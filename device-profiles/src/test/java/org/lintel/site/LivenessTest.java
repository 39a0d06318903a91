package org.lintel.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lintel.Fixtures.assertReports;
import static org.lintel.Fixtures.siteProblems;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lintel.Fixtures;

/** When a quiet device becomes stale, derived from what gateway and hub both read in the site file. */
class LivenessTest {

    final SiteLoader.Loaded loaded = SiteLoader.load(Fixtures.path("good/small-site.yaml"), "small-site.yaml");
    final Site site = loaded.orThrow();

    Duration limit(Gateway.Uplink uplink, String device) {
        Device d = site.device(device).orElseThrow();
        return Liveness.quietLimit(uplink, d, loaded.profiles().find(d.profile()).orElseThrow());
    }

    @Test
    void aMeterPolledEveryMinuteOnAGatewayWithTheDefaultReportIntervalIsStaleAfterTwelveMinutes() {
        // SDM120: fast 10 s, energy 60 s; re-sent every 5 min, at the next poll: messages at most 6 min apart
        assertEquals(Duration.ofMinutes(12), limit(null, "b1-0101-em"));
    }

    @Test
    void theLimitFollowsTheGatewaysReportIntervalAndTheDevicesOwnPollIntervals() {
        Gateway.Uplink every2m = new Gateway.Uplink("tcp://127.0.0.1:1883", null, null, null, null, 16, Duration.ofMinutes(2));
        assertEquals(Duration.ofMinutes(6), limit(every2m, "b1-0101-em"));
        // the lift's counters are polled every 60 s; its other points are pushed by the OPC UA subscription
        assertEquals(Duration.ofMinutes(6), limit(every2m, "b1-lift-1"));
    }

    @Test
    void aReportIntervalOutsideOneSecondToOneDayIsRejectedAtItsLine() {
        assertReports(siteProblems("broken-sites/report-every.yaml"),
                "report-every.yaml:13:59: gateway gw-b1: field 'uplink.reportEvery': must be from 1s to 1d: an unchanged value is re-sent this often (default 5m)");
    }
}
