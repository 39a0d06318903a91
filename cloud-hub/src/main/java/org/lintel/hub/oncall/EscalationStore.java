package org.lintel.hub.oncall;

import java.time.Instant;
import java.util.List;

/**
 * Where the escalator keeps each open alarm's progress, so that a restarted hub neither repeats steps already taken
 * nor forgets the ones still due.
 */
public interface EscalationStore {

    /**
     * One alarm's escalation: which route, how many steps are done, when it was last reminded, who has been told
     * (recipient keys such as {@code person:zhang-wei}), which rosters it draws on, and whether it is still chased
     * (false once acknowledged).
     */
    record Saved(long alarm, String route, Instant activatedAt, int stepsDone, Instant lastReminder, List<String> told, List<String> rosters,
                 boolean chasing) {
        public Saved {
            told = List.copyOf(told);
            rosters = List.copyOf(rosters);
        }
    }

    void save(Saved s);

    void remove(long alarm);

    List<Saved> load();

    /** Keeps nothing (tests of timing only). */
    EscalationStore NONE = new EscalationStore() {
        @Override
        public void save(Saved s) {
        }

        @Override
        public void remove(long alarm) {
        }

        @Override
        public List<Saved> load() {
            return List.of();
        }
    };
}
