package org.lintel.hub.alarm;

import org.lintel.profile.AlarmCondition;

/** One alarm type of one device: its debounced condition, its lifecycle and the stored instance, if one is open. */
final class AlarmSlot {

    final AlarmCondition rule;
    ConditionTracker tracker;
    AlarmLifecycle life;
    /** The stored alarm while one is open, else null. */
    Long alarmId;

    AlarmSlot(AlarmCondition rule) {
        this.rule = rule;
        this.tracker = new ConditionTracker(trackerRule(rule), false);
        this.life = new AlarmLifecycle(rule.latch());
    }

    /** Keeps an open alarm's lifecycle across a change of its rule (a site file re-imported). */
    AlarmSlot carry(AlarmSlot old) {
        tracker = new ConditionTracker(trackerRule(rule), old.tracker.active());
        life = old.life;
        alarmId = old.alarmId;
        return this;
    }

    /** Takes up an alarm that was open when the hub stopped. */
    void restore(Alarm open) {
        life = new AlarmLifecycle(open.latching(), open.state(), open.conditionActive(), open.occurrences());
        alarmId = open.id();
        tracker = new ConditionTracker(rule, open.conditionActive());
    }

    /** The alarm returned to normal: the next activation opens a new instance. */
    void closeInstance() {
        alarmId = null;
        life = new AlarmLifecycle(rule.latch());
    }

    /** Forgets a condition that has not yet raised its alarm (a pending device death covered by its gateway's). */
    void forgetPending() {
        if (alarmId == null) {
            tracker = new ConditionTracker(trackerRule(rule), false);
        }
    }

    boolean isCounterCheck() {
        return RuleBook.COUNTER_TYPES.contains(rule.type());
    }

    /** For no-data, the on-delay is the silence that raises it (the clock judges it), not a debounce on top. */
    private static AlarmCondition trackerRule(AlarmCondition rule) {
        return rule.type().equals(BuiltInAlarms.NO_DATA) ? new AlarmCondition(rule.type(), rule.label(), rule.point(), rule.test(), rule.values(),
                null, null, null, null, rule.priority(), rule.latch(), rule.where()) : rule;
    }
}
