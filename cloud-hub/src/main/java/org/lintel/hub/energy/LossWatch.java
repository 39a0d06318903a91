package org.lintel.hub.energy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lintel.i18n.Label;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.AlarmPriority;
import org.lintel.profile.BillingMeaning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loss threshold alarm: once each local day has closed (and readings held back by a gateway have had an hour to
 * arrive), every upstream meter's loss over that day, as a percentage of what it measured, is handed to the alarm
 * rules as a figure about that meter. The rule ({@link #rule}) is an ordinary one, so a site's {@code alarmRules} set its
 * threshold, priority or turn it off per building or meter, and the alarm clears on the first day back under it.
 */
public final class LossWatch {

    /** The alarm type and the derived point the rule judges. */
    public static final String TYPE = "loss-high";
    public static final String POINT = "loss.percent";
    /**
     * Defaults, to be set per site: what lies below an incomer is common use not metered below as well as losses, so
     * a building with unmetered corridor lights runs well above the wiring's few percent. Water: CJJ 92-2016's
     * first-grade limit for a supply network's leakage rate is 10 %; electricity: a low-voltage residential network's
     * line loss is typically 5–8 %. Both leave headroom for unmetered common use.
     */
    static final BigDecimal ELECTRICITY_PERCENT = new BigDecimal("10");
    static final BigDecimal WATER_PERCENT = new BigDecimal("12");
    /** Readings of the closed day's last minutes reach the hub late when a gateway forwards its buffer. */
    static final Duration SETTLE = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(LossWatch.class);

    private final Losses losses;
    private final Function<String, Optional<MeterTree>> trees;
    private final DerivedFigures verdicts;
    private final Clock clock;
    private final DailyJudgement days;

    public LossWatch(Losses losses, Function<String, Optional<MeterTree>> trees, Supplier<Set<String>> sites, Function<String, ZoneId> zones,
                     DerivedFigures verdicts, Clock clock) {
        this.losses = losses;
        this.trees = trees;
        this.verdicts = verdicts;
        this.clock = clock;
        this.days = new DailyJudgement("loss-watch", sites, zones);
    }

    /** The loss rule of a meter, when it is upstream of others in its site's tree; none otherwise. */
    public List<AlarmCondition> rulesFor(String site, String device) {
        return trees.apply(site).flatMap(t -> t.meter(device).filter(m -> !t.subMetersOf(device).isEmpty())).map(m -> List.of(rule(m.medium())))
                .orElse(List.of());
    }

    static AlarmCondition rule(BillingMeaning medium) {
        boolean water = medium == BillingMeaning.WATER || medium == BillingMeaning.HOT_WATER;
        Label label = water ? Label.of("High water loss below this meter", "漏损率过高") : Label.of("High line loss below this meter", "线损率过高");
        return new AlarmCondition(TYPE, label, POINT, AlarmCondition.Test.ABOVE, List.of(), water ? WATER_PERCENT : ELECTRICITY_PERCENT,
                BigDecimal.ONE, null, null, AlarmPriority.MINOR, false, null);
    }

    /** Judges each site's last closed day once, when it has settled; called every few minutes and at start. */
    public void pass() {
        Instant now = clock.instant();
        days.pass((site, zone) -> trees.apply(site).map(t -> dueDay(now, zone)), this::judge);
    }

    /** The last local day that has closed and settled at {@code now}: yesterday from 01:00 on, else the day before. */
    static LocalDate dueDay(Instant now, ZoneId zone) {
        return now.minus(SETTLE).atZone(zone).toLocalDate().minusDays(1);
    }

    /** Hands every upstream meter's loss over one local day to the alarm rules; meters without readings say nothing. */
    public int judge(String site, LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        int judgedMeters = 0;
        for (Losses.Loss l : losses.between(site, from, to)) {
            if (l.percent() == null) {
                continue; // unread meters or nothing measured: no figure, so the alarm stays as it is
            }
            String detail = l.percent().toPlainString() + " % " + day + " (" + l.upstream().toPlainString() + " − " + l.subMeters().toPlainString()
                    + " " + l.unit() + (l.estimated() ? ", estimated" : "") + ")";
            verdicts.figure(site, l.meter(), POINT, l.percent(), detail, to);
            judgedMeters++;
        }
        LOG.info("event=losses-judged site={} day={} meters={}", site, day, judgedMeters);
        return judgedMeters;
    }
}
