package org.lintel.edge.normalize;

import org.lintel.profile.DeviceProfile;
import org.lintel.site.Device;

/**
 * Where a device sits in the community, attached to its readings by the route's enrichment step so that the hub and
 * anyone reading the gateway's output know site, building, floor and the unit or common area a meter serves.
 */
public record DeviceContext(String siteId, String gatewayId, Device device, DeviceProfile profile,
                            String building, Integer floor, String unit, String commonArea) {

    public static DeviceContext of(String siteId, String gatewayId, Device d, DeviceProfile profile) {
        String building = d.location() != null ? d.location().building() : null;
        Integer floor = d.location() != null ? d.location().floor() : null;
        String unit = d.serves() != null ? d.serves().unit() : null;
        String area = d.serves() != null ? d.serves().commonArea() : null;
        if (building == null && d.serves() != null && d.serves().building() != null) {
            building = d.serves().building();
        }
        return new DeviceContext(siteId, gatewayId, d, profile, building, floor, unit, area);
    }
}
