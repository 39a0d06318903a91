package org.lintel.cli;

import java.util.Map;
import java.util.TreeMap;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.Words;

/** One line describing a profile: model, protocol, points by kind, billable counters and alarms. */
final class ProfileSummary {

    private ProfileSummary() {
    }

    static String of(DeviceProfile p) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Point pt : p.points()) {
            kinds.merge(Words.word(pt.kind()), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        b.append(p.id()).append(": ").append(p.manufacturer()).append(' ').append(p.model())
                .append(" [").append(p.protocol().word()).append("], ").append(p.points().size()).append(" points ").append(kinds);
        if (p.isMeter()) {
            b.append(", bills ").append(p.meterPoints().stream().map(pt -> pt.name() + " as " + Words.word(pt.billing())).toList());
        }
        if (!p.alarms().isEmpty()) {
            b.append(", ").append(p.alarms().size()).append(" default alarms");
        }
        return b.toString();
    }
}
