package org.lintel.hub.energy.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.hub.energy.DailyJudgement;
import org.lintel.hub.energy.DerivedFigures;
import org.lintel.hub.energy.MeterTree;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.BillingMeaning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The night-flow list's leak indications as an alarm: once each night's window has closed (05:00, and an hour more
 * for readings held back by a gateway), every water meter the list calls suspected — flow in every night hour, or no
 * hour without flow in the 24 up to 05:00 — raises {@code leak-suspected} on that meter, and a night without either
 * returns it to normal. A meter with hours missing or interpolated in the 24 hours says nothing that night. The counter watch's
 * {@code night-flow} alarm keeps judging readings as they arrive (minutes of flow, at night); this one is the morning's
 * verdict over whole hours, minor, for the day shift.
 */
public final class NightWatch {

    public static final String TYPE = "leak-suspected";
    public static final String POINT = "water.leak-suspected";
    /** Readings of the window's last minutes reach the hub late when a gateway forwards its buffer. */
    static final Duration SETTLE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(NightWatch.class);
    private static final AlarmCondition RULE = new AlarmCondition(TYPE, Label.of("Possible leak (night-flow list)", "疑似漏水（夜间流量排查）"), POINT,
            AlarmCondition.Test.ABOVE, List.of(), new BigDecimal("0.5"), BigDecimal.ZERO, null, null, AlarmPriority.MINOR, false, null);

    private final NightFlow nights;
    private final Function<String, Optional<MeterTree>> trees;
    private final DerivedFigures figures;
    private final Clock clock;
    private final DailyJudgement nightsJudged;

    public NightWatch(NightFlow nights, Function<String, Optional<MeterTree>> trees, Supplier<Set<String>> sites, Function<String, ZoneId> zones,
                      DerivedFigures figures, Clock clock) {
        this.nights = nights;
        this.trees = trees;
        this.figures = figures;
        this.clock = clock;
        this.nightsJudged = new DailyJudgement("night-watch", sites, zones);
    }

    /** The rule of a water meter of the site's tree; none for any other device. */
    public List<AlarmCondition> rulesFor(String site, String device) {
        return trees.apply(site).flatMap(t -> t.meter(device))
                .filter(m -> m.medium() == BillingMeaning.WATER || m.medium() == BillingMeaning.HOT_WATER).map(m -> List.of(RULE)).orElse(List.of());
    }

    /** Judges each site's last settled night once; called every few minutes and at start. */
    public void pass() {
        Instant now = clock.instant();
        nightsJudged.pass((site, zone) -> trees.apply(site).map(t -> dueNight(now, zone)), this::judge);
    }

    /** The last night whose window has closed and settled at {@code now}: this morning's from 06:00 on, else last night's. */
    public static LocalDate dueNight(Instant now, ZoneId zone) {
        ZonedDateTime settled = now.minus(SETTLE).atZone(zone);
        return settled.toLocalTime().isBefore(NightFlow.NIGHT_ENDS) ? settled.toLocalDate().minusDays(1) : settled.toLocalDate();
    }

    /** Hands every water meter's verdict on the night that ends on {@code night} to the alarm rules; how many were judged. */
    public int judge(String site, LocalDate night, ZoneId zone) {
        NightFlow.Night n = nights.of(site, zone, night, null, Integer.MAX_VALUE);
        int judgedMeters = 0;
        for (NightFlow.Meter m : n.meters()) {
            if (m.hoursIn24h() < 24 || m.nightHours() < (int) Duration.between(n.from(), n.to()).toHours() || m.estimated()) {
                continue; // hours missing or interpolated (a meter read a few times a day): neither a leak nor its end can be told
            }
            String detail = night + ": " + (m.continuousNightFlow() ? "flow in every night hour, " : "") + "zero-flow hours in 24 h "
                    + m.zeroHoursIn24h() + ", minimum night flow " + m.minimumLitresPerHour() + " L/h";
            figures.figure(site, m.meter(), POINT, m.suspected() ? BigDecimal.ONE : BigDecimal.ZERO, detail, n.to());
            judgedMeters++;
        }
        LOG.info("event=nights-judged site={} night={} meters={} suspected={}", site, night, judgedMeters, n.suspected());
        return judgedMeters;
    }
}
