package org.lintel.hub.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The daily judgements' timing and their resilience: once per site and day, one site's failure leaving the others. */
class DailyJudgementTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aClosedDayIsDueAnHourAfterMidnightAndANightAnHourAfterFive() {
        assertEquals(LocalDate.of(2026, 12, 4), LossWatch.dueDay(local("2026-12-06T00:59"), SHANGHAI), "the 5th's last readings may still come");
        assertEquals(LocalDate.of(2026, 12, 5), LossWatch.dueDay(local("2026-12-06T01:00"), SHANGHAI));
        assertEquals(LocalDate.of(2026, 12, 5), org.lintel.hub.energy.rollup.NightWatch.dueNight(local("2026-12-06T05:59"), SHANGHAI));
        assertEquals(LocalDate.of(2026, 12, 6), org.lintel.hub.energy.rollup.NightWatch.dueNight(local("2026-12-06T06:00"), SHANGHAI));
    }

    @Test
    void eachSitesDayIsJudgedOnceAndOneSitesFailureLeavesTheOthersToBeTriedAgain() {
        Set<String> sites = new LinkedHashSet<>(List.of("broken", "fine"));
        DailyJudgement days = new DailyJudgement("test-watch", () -> sites, site -> SHANGHAI);
        List<String> judged = new ArrayList<>();
        boolean[] brokenWorks = {false};
        DailyJudgement.Judge judge = (site, day, zone) -> {
            if (site.equals("broken") && !brokenWorks[0]) {
                throw new IllegalStateException("the database went away");
            }
            judged.add(site + " " + day);
        };
        LocalDate day = LocalDate.of(2026, 12, 5);
        days.pass((site, zone) -> Optional.of(day), judge);
        days.pass((site, zone) -> Optional.of(day), judge);
        assertEquals(List.of("fine 2026-12-05"), judged, "judged once; the broken site's failure stopped nothing");
        brokenWorks[0] = true;
        days.pass((site, zone) -> Optional.of(day), judge);
        assertEquals(List.of("fine 2026-12-05", "broken 2026-12-05"), judged, "the failed site is tried again at the next pass");
        days.pass((site, zone) -> Optional.of(day.plusDays(1)), judge);
        assertEquals(4, judged.size(), "the next day is judged for both");
        // a site without anything to judge, and a directory that fails, escape nothing
        days.pass((site, zone) -> Optional.empty(), judge);
        new DailyJudgement("test-watch", () -> {
            throw new IllegalStateException("no directory");
        }, site -> SHANGHAI).pass((site, zone) -> Optional.of(day), judge);
        assertEquals(4, judged.size());
    }
}
