package org.lintel.hub.telemetry.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every time-series store must do; run against the embedded store and a real InfluxDB. */
abstract class TimeSeriesStoreContract {

    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    abstract TimeSeriesStore store();

    /** A device id no other test of the same store uses. */
    abstract String device(String name);

    static StoredPoint good(String device, String point, Instant t, double v) {
        return new StoredPoint("s1", "b1", device, point, t, v, null, "good", null);
    }

    @Test
    void writingTheSamePointTwiceStoresItOnce() {
        String d = device("dup");
        List<StoredPoint> batch = List.of(good(d, "energy.import.total", T0, 1.5), good(d, "energy.import.total", T0.plusSeconds(10), 1.6));
        store().write(batch);
        store().write(batch);
        assertEquals(2, store().history("s1", d, "energy.import.total", T0, T0.plusSeconds(60), 100).size());
    }

    @Test
    void historyIsInTimeOrderWhateverTheOrderOfWriting() {
        String d = device("order");
        store().write(List.of(good(d, "p", T0.plusSeconds(30), 3), good(d, "p", T0.plusSeconds(40), 4)));
        store().write(List.of(good(d, "p", T0.plusSeconds(10), 1), good(d, "p", T0.plusSeconds(20), 2)));
        List<StoredPoint> h = store().history("s1", d, "p", T0, T0.plusSeconds(60), 100);
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), h.stream().map(StoredPoint::number).toList());
        assertEquals(T0.plusSeconds(10), h.get(0).time());
        assertEquals("b1", h.get(0).building());
    }

    @Test
    void downsamplingGivesMinMaxMeanLastAndCountOfGoodValuesPerBucket() {
        String d = device("down");
        store().write(List.of(good(d, "power", T0, 10), good(d, "power", T0.plusSeconds(20), 30), good(d, "power", T0.plusSeconds(40), 20),
                new StoredPoint("s1", "b1", d, "power", T0.plusSeconds(50), null, null, "bad", "timeout"),
                good(d, "power", T0.plusSeconds(70), 5)));
        List<Bucket> b = store().downsample("s1", d, "power", T0, T0.plusSeconds(120), Duration.ofMinutes(1), ZoneOffset.UTC);
        assertEquals(2, b.size());
        assertEquals(new Bucket(T0, 10, 30, 20, 20, 3), b.get(0));
        assertEquals(new Bucket(T0.plusSeconds(60), 5, 5, 5, 5, 1), b.get(1));
    }

    @Test
    void dailyBucketsAreTheSitesLocalDaysNotUtcDays() {
        String d = device("daily");
        Instant shanghaiMidnight = Instant.parse("2026-11-01T16:00:00Z"); // 2026-11-02 00:00 in Asia/Shanghai
        store().write(List.of(good(d, "power", shanghaiMidnight.minusSeconds(60), 1), good(d, "power", shanghaiMidnight.plusSeconds(60), 2),
                good(d, "power", shanghaiMidnight.plus(Duration.ofHours(23)), 4)));
        List<Bucket> b = store().downsample("s1", d, "power", shanghaiMidnight.minus(Duration.ofDays(1)), shanghaiMidnight.plus(Duration.ofDays(1)),
                Duration.ofDays(1), ZoneOffset.ofHours(8));
        assertEquals(List.of(shanghaiMidnight.minus(Duration.ofDays(1)), shanghaiMidnight), b.stream().map(Bucket::start).toList());
        assertEquals(List.of(1L, 2L), b.stream().map(Bucket::count).toList(), "23:59 belongs to the 1st, 00:01 and 23:00 to the 2nd");
    }

    @Test
    void latestOfManyDevicesAtOnceEqualsTheLatestOfEachAndListsSilentDevicesEmpty() {
        String d1 = device("many-1");
        String d2 = device("many-2");
        String silent = device("many-silent");
        store().write(List.of(good(d1, "a", T0, 1), good(d1, "a", T0.plusSeconds(5), 2), good(d1, "b", T0, 7), good(d2, "a", T0, 3)));
        Map<String, List<StoredPoint>> all = store().latest("s1", List.of(d1, d2, silent));
        assertEquals(store().latest("s1", d1), all.get(d1));
        assertEquals(store().latest("s1", d2), all.get(d2));
        assertEquals(List.of(), all.get(silent));
    }

    @Test
    void latestGivesTheNewestValueOfEveryPointWithItsQuality() {
        String d = device("latest");
        store().write(List.of(good(d, "a", T0, 1), good(d, "a", T0.plusSeconds(5), 2), good(d, "b", T0, 7),
                new StoredPoint("s1", "b1", d, "state", T0, null, "running", "good", null),
                new StoredPoint("s1", "b1", d, "b", T0.plusSeconds(9), null, null, "bad", "timeout")));
        List<StoredPoint> latest = store().latest("s1", d);
        assertEquals(3, latest.size());
        StoredPoint a = latest.stream().filter(p -> p.point().equals("a")).findFirst().orElseThrow();
        StoredPoint b = latest.stream().filter(p -> p.point().equals("b")).findFirst().orElseThrow();
        StoredPoint s = latest.stream().filter(p -> p.point().equals("state")).findFirst().orElseThrow();
        assertEquals(2.0, a.number());
        assertEquals("bad", b.quality());
        assertEquals("timeout", b.reason());
        assertEquals("running", s.text());
    }

    @Test
    void textWithQuotesBackslashesAndSpacesComesBackUnchanged() {
        String d = device("text");
        String text = "say \"hi\" \\ back, a=b";
        store().write(List.of(new StoredPoint("s1", "b1", d, "firmware.version", T0, null, text, "good", null)));
        assertEquals(text, store().latest("s1", d).get(0).text());
    }

    @Test
    void goodNeighboursAroundAnInstantSkipBadReadings() {
        String d = device("around");
        store().write(List.of(good(d, "e", T0, 100), new StoredPoint("s1", "b1", d, "e", T0.plusSeconds(60), null, null, "bad", "timeout"),
                good(d, "e", T0.plusSeconds(120), 102)));
        assertEquals(100.0, store().lastGoodAtOrBefore("s1", d, "e", T0.plusSeconds(90)).orElseThrow().number());
        assertEquals(102.0, store().firstGoodAtOrAfter("s1", d, "e", T0.plusSeconds(61)).orElseThrow().number());
        assertEquals(100.0, store().lastGoodAtOrBefore("s1", d, "e", T0).orElseThrow().number());
        assertTrue(store().lastGoodAtOrBefore("s1", d, "e", T0.minusSeconds(1)).isEmpty());
    }

    @Test
    void siteWideNeighboursAndRunsAnswerForEveryMeterOfTheSiteAtOnce() {
        String site = device("site");
        String rising = "rising";
        String rolling = "rolling";
        String broken = "broken";
        StoredPoint bad = new StoredPoint(site, "b1", broken, "e", T0.plusSeconds(60), null, null, "bad", "timeout");
        store().write(List.of(at(site, rising, "e", T0, 10), at(site, rising, "e", T0.plusSeconds(60), 10), at(site, rising, "e", T0.plusSeconds(120), 12.5),
                at(site, rolling, "e", T0, 9998), at(site, rolling, "e", T0.plusSeconds(60), 3), at(site, rolling, "e", T0.plusSeconds(120), 7),
                bad, at(site, broken, "other.point", T0, 1),
                at("another-" + site, rising, "e", T0.plusSeconds(30), 99)));

        Map<String, StoredPoint> before = store().lastGoodAtOrBefore(site, "e", T0.plusSeconds(90));
        assertEquals(Map.of(rising, 10.0, rolling, 3.0), numbers(before));
        assertEquals(T0.plusSeconds(60), before.get(rising).time());
        assertEquals(Map.of(rising, 12.5, rolling, 7.0), numbers(store().firstGoodAtOrAfter(site, "e", T0.plusSeconds(61))));
        assertEquals(Map.of(), store().firstGoodAtOrAfter(site, "e", T0.plusSeconds(121)));

        Map<String, CounterRun> runs = store().counterRuns(site, "e", T0, T0.plusSeconds(120));
        assertEquals(java.util.Set.of(rising, rolling), runs.keySet());
        assertEquals(10.0, runs.get(rising).first().number());
        assertEquals(T0.plusSeconds(60), runs.get(rising).last().time(), "the end of the stretch is excluded");
        assertTrue(!runs.get(rising).falls(), "an unchanged reading is not a fall");
        assertTrue(runs.get(rolling).falls());
        assertEquals(3.0, runs.get(rolling).last().number());
        assertTrue(!store().counterRuns(site, "e", T0.plusSeconds(60), T0.plusSeconds(180)).get(rolling).falls());
    }

    static StoredPoint at(String site, String device, String point, Instant t, double v) {
        return new StoredPoint(site, "b1", device, point, t, v, null, "good", null);
    }

    static Map<String, Double> numbers(Map<String, StoredPoint> points) {
        Map<String, Double> out = new java.util.HashMap<>();
        points.forEach((d, p) -> out.put(d, p.number()));
        return out;
    }
}
