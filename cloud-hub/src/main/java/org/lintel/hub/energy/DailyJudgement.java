package org.lintel.hub.energy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A judgement made once per site for each local day (or night) once it has settled: called every few minutes and at
 * start, it judges a site's latest due day the first time it sees it, and again after a restart (the alarm rules
 * take the same figure twice as no change). One site's trouble (a database hiccup) never stops the others, and
 * nothing escapes to cancel the scheduled passes.
 */
public final class DailyJudgement {

    /** The work of one site's day. */
    public interface Judge {
        void judge(String site, LocalDate day, ZoneId zone);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DailyJudgement.class);

    private final String name;
    private final Supplier<Set<String>> sites;
    private final Function<String, ZoneId> zones;
    private final Map<String, LocalDate> judged = new ConcurrentHashMap<>();

    /** @param name how its log lines name it, e.g. {@code loss-watch} */
    public DailyJudgement(String name, Supplier<Set<String>> sites, Function<String, ZoneId> zones) {
        this.name = name;
        this.sites = sites;
        this.zones = zones;
    }

    /** Judges each site whose {@code due} day (empty: nothing to judge there) has not been judged yet. */
    public void pass(java.util.function.BiFunction<String, ZoneId, Optional<LocalDate>> due, Judge judge) {
        Set<String> all;
        try {
            all = sites.get();
        } catch (RuntimeException e) {
            LOG.warn("event={}-failed reason=\"{}\"", name, reason(e));
            return;
        }
        for (String site : all) {
            try {
                ZoneId zone = zones.apply(site);
                Optional<LocalDate> day = due.apply(site, zone);
                if (day.isPresent() && !day.get().equals(judged.get(site))) {
                    judge.judge(site, day.get(), zone);
                    judged.put(site, day.get());
                }
            } catch (RuntimeException e) {
                // the next pass tries this site again
                LOG.warn("event={}-failed site={} reason=\"{}\"", name, site, reason(e));
            }
        }
    }

    private static String reason(RuntimeException e) {
        return String.valueOf(e.getMessage()).replace('"', '\'');
    }
}
