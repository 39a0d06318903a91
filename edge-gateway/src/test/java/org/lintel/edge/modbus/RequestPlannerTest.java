package org.lintel.edge.modbus;

import org.lintel.edge.normalize.ReadBlock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lintel.check.Problems;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.profile.modbus.RegisterCodec;
import org.lintel.profile.modbus.RegisterTable;
import org.lintel.reading.PointValues;
import org.lintel.reading.Value;

/** The request planner on hard register maps: gaps, tables, limits, orders, address bases, and the real library. */
class RequestPlannerTest {

    private static DeviceProfile profile(String file) throws URISyntaxException {
        Problems problems = new Problems();
        Path p = Path.of(RequestPlannerTest.class.getClassLoader().getResource("planner/" + file).toURI());
        return ProfileLibrary.readFile(p, file, problems).orElseThrow(() -> new AssertionError(problems.toString()));
    }

    private static List<ReadBlock> plan(DeviceProfile p) {
        return RequestPlanner.plan(p.points(), p.modbus(), RequestPlanner.Options.DEFAULT);
    }

    private static String shape(List<ReadBlock> blocks) {
        StringBuilder b = new StringBuilder();
        for (ReadBlock r : blocks) {
            b.append(r.table().word()).append(' ').append(r.start()).append('+').append(r.count()).append(';');
        }
        return b.toString();
    }

    @Test
    void aSmallGapIsReadThroughAndALargeOneStartsANewRequest() throws Exception {
        assertEquals("coil 5+56;coil 300+1;input-register 0+14;input-register 31+2;holding-register 0+1;", shape(plan(profile("gaps.yaml"))));
    }

    @Test
    void aDeviceThatRejectsGapsIsNeverReadAcrossOne() throws Exception {
        List<ReadBlock> blocks = plan(profile("strict.yaml"));
        assertEquals("coil 5+1;coil 60+1;coil 300+1;input-register 0+4;input-register 12+2;input-register 31+2;holding-register 0+1;", shape(blocks));
        assertTrue(blocks.stream().allMatch(b -> b.wasted() == 0));
    }

    @Test
    void theDevicesOwnLimitSplitsRequestsAtPointBoundariesWithOneBasedAddresses() throws Exception {
        List<ReadBlock> blocks = plan(profile("limits.yaml"));
        // addressBase 1: register 1 is protocol address 0; at most 10 registers per request; a float is never split
        assertEquals("holding-register 0+10;holding-register 10+5;", shape(blocks));
        assertEquals(List.of("p6", "status", "status.run", "status.fault", "total"), blocks.get(1).points().stream().map(Point::name).toList());
    }

    @Test
    void theProtocolMaximumOf125RegistersIsNeverExceeded() throws Exception {
        List<ReadBlock> blocks = plan(profile("wide.yaml"));
        assertEquals("input-register 0+124;input-register 124+16;", shape(blocks));
    }

    @Test
    void pointsAreDecodedFromTheirSliceOfABlockInTheirOwnWordOrder() throws Exception {
        DeviceProfile p = profile("limits.yaml");
        ReadBlock block = plan(p).get(1);
        int[] answer = new int[block.count()];
        // p6 = 230.5 V at offset 0, status word at offset 2 (bits 0 and 15 set), total = 123456 Wh little word order at 3
        int[] v = RegisterCodec.encodeCanonical(p.point("p6").orElseThrow(), 230.5);
        System.arraycopy(v, 0, answer, 0, 2);
        answer[2] = 0x8001;
        answer[3] = 0xE240;
        answer[4] = 0x0001;
        Point total = p.point("total").orElseThrow();
        assertArrayEquals(new int[] {0xE240, 0x0001}, block.slice(total, answer));
        Value kwh = PointValues.map(total, RegisterCodec.decode(total, block.slice(total, answer))).value();
        assertEquals(new Value.Numeric(new BigDecimal("123.456").doubleValue()), kwh);
        Point run = p.point("status.run").orElseThrow();
        Point fault = p.point("status.fault").orElseThrow();
        assertEquals(new Value.Flag(true), PointValues.map(run, RegisterCodec.decode(run, block.slice(run, answer))).value());
        assertEquals(new Value.Flag(true), PointValues.map(fault, RegisterCodec.decode(fault, block.slice(fault, answer))).value());
    }

    @Test
    void theLibraryProfilesNeedTheseRequestsWhenAllTheirGroupsShareAnInterval() {
        ProfileLibrary library = ProfileLibrary.builtIn(new Problems());
        java.util.Map<String, Integer> expected = java.util.Map.of("eastron-sdm630", 5, "eastron-sdm120", 3, "xintai-water-meter", 2,
                "qdy30a-level-transmitter", 1);
        expected.forEach((id, requests) -> {
            DeviceProfile p = library.find(id).orElseThrow();
            List<ReadBlock> blocks = RequestPlanner.plan(p.points(), p.modbus(), RequestPlanner.Options.DEFAULT);
            assertEquals(requests, blocks.size(), id + " (" + p.points().size() + " points): " + shape(blocks));
        });
    }

    @Test
    void theLibraryNeedsFarFewerRequestsThanPoints() {
        ProfileLibrary library = ProfileLibrary.builtIn(new Problems());
        for (DeviceProfile p : library.all()) {
            if (p.modbus() == null) {
                continue;
            }
            for (String group : p.pollGroups().keySet()) {
                List<Point> points = p.points().stream().filter(pt -> group.equals(pt.pollGroup())).toList();
                List<ReadBlock> blocks = RequestPlanner.plan(points, p.modbus(), RequestPlanner.Options.DEFAULT);
                int covered = blocks.stream().mapToInt(b -> b.points().size()).sum();
                assertEquals(points.size(), covered, p.id() + "/" + group + ": every point is in exactly one request");
                assertTrue(blocks.size() <= Math.max(1, points.size() / 3) + 2,
                        p.id() + "/" + group + ": " + blocks.size() + " requests for " + points.size() + " points: " + shape(blocks));
                assertTrue(blocks.stream().allMatch(b -> b.count() <= p.modbus().maxRegistersPerRead() && b.count() <= RegisterTable.INPUT_REGISTER.maxPerRead()));
            }
        }
    }
}
