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
 * @param metering           where a meter sits in the site's meter tree and its 分项 category, or null
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
        Metering metering,
        Map<String, Duration> pollGroupOverrides,
        Where where) {

    public Device {
        pollGroupOverrides = Map.copyOf(pollGroupOverrides);
    }

    /** The same device reached through {@code gatewayId} (derived from its bus for Modbus devices). */
    public Device withGateway(String gatewayId) {
        return new Device(id, name, profile, gatewayId, connection, location, serves, metering, pollGroupOverrides, where);
    }

    /** The same device at {@code newLocation} (derived from the unit a meter serves when the file gives none). */
    public Device withLocation(Location newLocation) {
        return new Device(id, name, profile, gateway, connection, newLocation, serves, metering, pollGroupOverrides, where);
    }

    /** Where a device is installed. */
    public record Location(String building, Integer floor, String description) {
    }

    /**
     * What a meter serves: exactly one of a unit, a common area, or a whole building (its master meter, against
     * which sub-meters are reconciled: master minus the sum of sub-meters is common use plus losses).
     */
    public record Serves(String unit, String commonArea, String building) {
        public String target() {
            return unit != null ? unit : commonArea != null ? commonArea : building;
        }
    }

    /**
     * A meter's place in the meter tree (Haystack's submeterOf, Brick's isSubMeterOf): the meter upstream of it whose
     * reading includes this one's, so that upstream − Σ its sub-meters is common use plus losses; and the 分项 its use
     * belongs to.
     *
     * @param submeterOf the upstream meter's device id, or null for a meter at the top (a building's incomer)
     * @param category   the 分项 of an electricity meter's use, or null where it does not apply (a flat, water)
     */
    public record Metering(String submeterOf, EnergyCategory category) {
    }
}
