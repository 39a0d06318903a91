package org.lintel.site;

import java.time.Duration;
import java.util.Map;
import org.lintel.check.Where;
import org.lintel.i18n.Label;

/**
 * A device installed in the community: which profile describes it, how the gateway reaches it, where it is and
 * what it serves (for meters: the unit or common area whose usage it measures).
 *
 * @param serves             the unit or common area a meter serves, or null
 * @param pollGroupOverrides poll group name → interval, replacing the profile's interval for this device
 */
public record Device(
        String id,
        Label name,
        String profile,
        String gateway,
        Connection connection,
        Location location,
        Serves serves,
        Map<String, Duration> pollGroupOverrides,
        Where where) {

    public Device {
        pollGroupOverrides = Map.copyOf(pollGroupOverrides);
    }

    /** Where a device is installed. */
    public record Location(String building, Integer floor, String description) {
    }

    /** What a meter serves: exactly one of a unit or a common area. */
    public record Serves(String unit, String commonArea) {
        public String target() {
            return unit != null ? unit : commonArea;
        }
    }
}
