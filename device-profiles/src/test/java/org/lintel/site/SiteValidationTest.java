package org.lintel.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lintel.Fixtures.assertReports;
import static org.lintel.Fixtures.siteProblems;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.Fixtures;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.check.Problems;

/** Site files: cross-references, bus clashes and meters are checked with precise messages. */
class SiteValidationTest {

    @Test
    void aDeviceNamingAMissingProfileIsRejectedWithTheClosestProfile() {
        assertReports(siteProblems("broken-sites/missing-profile.yaml"),
                "missing-profile.yaml:14:5: device b1-0101-em: profile 'eastron-sdm12O' is not in the library; did you mean 'eastron-sdm120'?");
    }

    @Test
    void aGatewayMayListSeveralBrokerNodesAndEachIsCheckedAtItsLine() {
        // gw-b2's tcp and ssl nodes are accepted; gw-b1's empty node and node without a scheme are not
        Problems p = siteProblems("broken-sites/broker-nodes.yaml");
        assertReports(p, "broker-nodes.yaml:13:22: gateway gw-b1: field 'uplink.broker': 'tcp://mq1.example.com:1883,,mq2.example.com:1883' has an empty"
                + " broker node; list the nodes separated by single commas");
        assertReports(p, "broker-nodes.yaml:13:22: gateway gw-b1: field 'uplink.broker': 'mq2.example.com:1883' is not an MQTT broker URI;"
                + " it starts with tcp:// or ssl://");
        assertEquals(2, Fixtures.lines(p).size(), "gw-b2's list is accepted: " + Fixtures.lines(p));
    }

    @Test
    void twoDevicesOnOneBusWithTheSameUnitIdAreRejected() {
        assertReports(siteProblems("broken-sites/same-unit-id.yaml"),
                "same-unit-id.yaml:16:5: device b1-0102-em: unit id 7 on bus rs485-1 is already device b1-0101-em (line 15);"
                        + " every device on a bus needs its own unit id");
    }

    @Test
    void aMeterServingAUnitWithoutAreaIsRejectedAtTheUnit() {
        assertReports(siteProblems("broken-sites/unit-without-area.yaml"),
                "unit-without-area.yaml:8:13: unit b1-0101: has no area, but meter b1-0101-wm (line 14) serves it;"
                        + " add 'area:' in m² (needed for area-based fees and apportionment)");
    }

    @Test
    void connectionMistakesAreAllReported() {
        Problems p = siteProblems("broken-sites/connections.yaml");
        assertReports(p, "connections.yaml:3:13: field 'site.timeZone': 'Asia/Shanghia' is not a time zone; use a region id such as Asia/Shanghai");
        assertReports(p, "connections.yaml:10:9: bus conv-2: 10.0.0.5:502 is already bus conv-1 (line 9); put both devices on one bus with different unit ids");
        assertReports(p, "connections.yaml:12:5: device lift-1: opcua.root is missing; profile lintel-lift-monitor-opcua uses {root} in its"
                + " node ids (e.g. point car.position), so each device must say its own root object");
        assertReports(p, "connections.yaml:15:12: device lift-1: field 'opcua.password' is missing; expected the password for user lift"
                + " (write ${ENV_VAR} to keep it out of the file)");
        assertReports(p, "connections.yaml:15:96: device lift-1: field 'opcua.securityMode': security policy Basic256Sha256 goes with mode"
                + " sign or sign-and-encrypt, not none");
        assertReports(p, "connections.yaml:16:5: device smoke-1: no gateway 'gw-b2'; did you mean 'gw-b1'?");
        assertReports(p, "connections.yaml:19:11: device smoke-1: field 'coap.pskIdentity' is missing; expected a DTLS pre-shared key"
                + " (pskIdentity and pskKey) for coaps://");
        assertReports(p, "connections.yaml:20:5: device tank: profile qdy30a-level-transmitter speaks modbus; give the connection under 'modbus'");
    }

    @Test
    void meterTreeMistakesAreReportedAtTheMeterWithWhatWouldBeRight() {
        Problems p = siteProblems("broken-sites/meter-tree.yaml");
        assertReports(p, "meter-tree.yaml:19:5: device b1-0101-em: meter.submeterOf: no device 'b1-main-emm' in the site to be upstream"
                + " of this meter; did you mean 'b1-main-em'?");
        assertReports(p, "meter-tree.yaml:20:5: device b1-0101-wm: meter.submeterOf: b1-main-em measures electricity, this meter water;"
                + " a sub-meter measures part of what its upstream meter measures");
        assertReports(p, "meter-tree.yaml:21:156: device b1-lift-em: field 'meter.category': 'lifts' is not a 分项 category; expected one of"
                + " lighting-sockets, hvac, power, special");
        assertReports(p, "meter-tree.yaml:22:5: device b1-0102-wm: meter.category: a 分项 category (power) applies to electricity meters;"
                + " profile xintai-water-meter measures water");
        assertReports(p, "meter-tree.yaml:3:15: field 'site.gridRegion': 'eastern' is not a power grid; use one of national, north, north-east, east,"
                + " central, north-west, south, south-west");
        assertReports(p, "meter-tree.yaml:23:5: device loop-a-em: meter.submeterOf: the meters form a loop (loop-a-em → loop-b-em → loop-a-em);"
                + " the top of a meter tree is upstream of no meter");
    }

    @Test
    void aProvinceOnAnotherGridThanTheOneGivenOrMisspeltIsReportedAtItsLine() {
        assertReports(siteProblems("broken-sites/grid-province.yaml"), "grid-province.yaml:5:17: field 'site.gridProvince': hebei draws from the"
                + " north grid, not east; leave gridRegion out (it follows the province) or correct one of them");
        assertReports(siteProblems("broken-sites/grid-province-typo.yaml"), "grid-province-typo.yaml:4:17: field 'site.gridProvince': 'yunan' is"
                + " not a province; use one of " + GridProvince.words());
    }

    @Test
    void aSiteThatGivesOnlyItsProvinceDrawsFromThatProvincesGrid() {
        SiteLoader.Loaded loaded = SiteLoader.load(Fixtures.path("good/yunnan-site.yaml"), "yunnan-site.yaml");
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        assertEquals(GridProvince.YUNNAN, loaded.orThrow().gridProvince());
        assertEquals(GridRegion.SOUTH, loaded.orThrow().gridRegion());
    }

    @Test
    void virtualMeterMistakesAreReportedAtTheirLineWithWhatWouldBeRight() {
        Problems p = siteProblems("broken-sites/virtual-meters.yaml");
        assertReports(p, "virtual-meters.yaml:23:5: virtual meter b1-flats-em: plus: no device 'b1-0103-em'; did you mean 'b1-0101-em'?");
        assertReports(p, "virtual-meters.yaml:24:5: virtual meter mixed: minus: b1-0101-em measures electricity, b1-0101-wm water;"
                + " a virtual meter adds and subtracts one quantity");
        assertReports(p, "virtual-meters.yaml:25:5: virtual meter b1-0102-em: the id is already a device's (line 19)");
        assertReports(p, "virtual-meters.yaml:26:5: virtual meter flat-of: of: b1-0101-em has no sub-meters (meter.submeterOf), so it less"
                + " its sub-meters would be itself");
        assertReports(p, "virtual-meters.yaml:27:20: virtual meter both: field 'of': 'of' already means the meter less its sub-meters;"
                + " leave out plus and minus, or write them all out without 'of'");
        assertReports(p, "virtual-meters.yaml:28:5: virtual meter neither: give 'of: <upstream meter>' (it less its sub-meters) or"
                + " 'plus: [meters]' with an optional 'minus: [meters]'");
        assertEquals(6, p.errorCount(), p.toString());
    }

    @Test
    void aSitesVirtualMetersLoadWithTheirMembers() {
        SiteLoader.Loaded loaded = SiteLoader.load(Fixtures.path("good/virtual-meters.yaml"), "virtual-meters.yaml");
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        List<VirtualMeter> v = loaded.orThrow().virtualMeters();
        assertEquals(2, v.size());
        assertEquals("b1-main-em", v.get(0).of());
        assertEquals(EnergyCategory.LIGHTING_SOCKETS, v.get(0).category());
        assertEquals("1号楼住户合计", v.get(1).name().zh());
        assertEquals(List.of("b1-0101-em", "b1-0102-em"), v.get(1).plus());
    }

    @Test
    void aValidSiteLoadsWithDerivedGatewaysAndLocations() {
        SiteLoader.Loaded loaded = SiteLoader.load(Fixtures.path("good/small-site.yaml"), "small-site.yaml");
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        Site site = loaded.orThrow();
        assertEquals("小苑", site.name().zh());
        Device meter = site.device("b1-0101-em").orElseThrow();
        assertEquals("gw-b1", meter.gateway(), "a Modbus device's gateway is its bus's gateway");
        assertEquals("b1", meter.location().building(), "a meter is located at the unit it serves");
        assertEquals(1, meter.location().floor());
        assertEquals(new Device.Metering(null, EnergyCategory.LIGHTING_SOCKETS), site.device("b1-lobby-em").orElseThrow().metering());
        assertEquals(null, meter.metering(), "a meter without 'meter:' has no place in a tree");
        assertEquals(new BigDecimal("92.50"), site.units().filter(u -> u.id().equals("b1-0102")).findFirst().orElseThrow().area());
        assertEquals(5, site.devicesOf("gw-b1").size());
    }

    @Test
    void orThrowListsEveryErrorOfAnInvalidSite() {
        SiteLoader.Loaded loaded = SiteLoader.load(Fixtures.path("broken-sites/connections.yaml"), "connections.yaml");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, loaded::orThrow);
        assertTrue(e.getMessage().contains("connections.yaml:10:9: bus conv-2"), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }

    @Test
    void alarmRulesAreReadWithTheirMatchAndCounterSettings() {
        Site site = SiteLoader.load(Fixtures.path("good/small-site.yaml"), "small-site.yaml").orThrow();
        assertEquals(3, site.alarmRules().size());
        AlarmRule byDevice = site.alarmRules().get(1);
        assertEquals("b1-f01-smoke", byDevice.device());
        assertEquals(java.time.Duration.ofMinutes(10), byDevice.onDelay());
        assertEquals(3, byDevice.specificity());
        AlarmRule.CounterSettings counter = site.alarmRules().get(2).counter();
        assertEquals(java.time.Duration.ofHours(3), counter.flowFor());
        assertEquals(java.time.LocalTime.MIDNIGHT, counter.nightFrom());
        assertEquals(java.time.LocalTime.MIDNIGHT, counter.nightTo());
        assertEquals(new BigDecimal("20"), counter.maxPerHour());
    }

    @Test
    void alarmRuleMistakesAreReportedAtTheirLine() {
        Problems p = siteProblems("broken-sites/alarm-rules.yaml");
        assertReports(p, "alarm-rules.yaml:9:5: alarm rule low-batery: no matched device has an alarm of type 'low-batery'; did you mean 'low-battery'?");
        assertReports(p, "alarm-rules.yaml:10:5: alarm rule fire: match.building: no building 'b2'; did you mean 'b1'?");
        assertReports(p, "alarm-rules.yaml:11:56: alarm rule night-flow: field 'counter.flowFor': flow is judged per window, so flowFor (PT5M) must be at"
                + " least the window (PT15M)");
        assertReports(p, "alarm-rules.yaml:11:72: alarm rule night-flow: field 'counter.nightHours': '1am-5am' is not a time range; write it as"
                + " 01:00-05:00 (local time; 00:00-24:00 for all day)");
        assertReports(p, "alarm-rules.yaml:12:5: alarm rule fire: counter settings apply only to night-flow, counter-decrease and counter-jump");
        assertReports(p, "alarm-rules.yaml:12:54: alarm rule fire: field 'priority': expected one of life-safety, critical, major, minor, warning, found 'urgent'");
    }
}
