package org.lintel.site;

import java.time.Duration;
import java.util.Objects;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;

/**
 * How long a healthy device can go without a message to the hub, derived from what gateway and hub both read: the
 * gateway re-sends an unchanged value once per {@code reportEvery}, but only when it next reads the point, so a quiet
 * device's messages may be up to {@code reportEvery} + its longest poll interval apart. Twice that leaves room for
 * one lost re-report; only a device silent longer than that is shown as stale.
 */
public final class Liveness {

    private Liveness() {
    }

    /** The quiet limit of a device on a gateway with this uplink (null: the default report interval). */
    public static Duration quietLimit(Gateway.Uplink uplink, Device device, DeviceProfile profile) {
        Duration every = uplink == null ? Gateway.Uplink.DEFAULT_REPORT_EVERY : uplink.reportEvery();
        return every.plus(longestPoll(device, profile)).multipliedBy(2);
    }

    /** The longest interval at which the gateway reads any of the device's points; zero when all are pushed. */
    public static Duration longestPoll(Device device, DeviceProfile profile) {
        return profile.points().stream().map(Point::pollGroup).filter(Objects::nonNull).distinct()
                .map(g -> device.pollGroupOverrides().getOrDefault(g, profile.pollGroups().get(g)))
                .filter(Objects::nonNull).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
