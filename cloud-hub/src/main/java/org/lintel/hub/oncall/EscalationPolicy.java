package org.lintel.hub.oncall;

import java.time.Duration;
import java.util.List;

/**
 * Who is told about an alarm and when, until somebody acknowledges it: each step notifies its channels once the
 * alarm has been unacknowledged for {@code after}; after the last step, every channel already notified is reminded
 * every {@code reminderEvery}. Steps apply to alarms of {@code minimumPriority} and more urgent.
 */
public record EscalationPolicy(List<Step> steps, Duration reminderEvery, String minimumPriority) {

    public EscalationPolicy {
        steps = List.copyOf(steps);
    }

    /** One step of the chain: after this long without acknowledgement, notify these channels. */
    public record Step(Duration after, List<String> channels) {
        public Step {
            channels = List.copyOf(channels);
        }
    }

    private static final List<String> PRIORITIES = List.of("life-safety", "critical", "major", "minor", "warning");

    public boolean covers(String priority) {
        int p = PRIORITIES.indexOf(priority);
        int min = PRIORITIES.indexOf(minimumPriority == null ? "warning" : minimumPriority);
        return p >= 0 && p <= min;
    }
}
