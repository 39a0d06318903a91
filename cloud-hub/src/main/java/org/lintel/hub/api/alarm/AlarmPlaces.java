package org.lintel.hub.api.alarm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.api.http.ApiRouter;
import org.lintel.hub.registry.Listings;
import org.lintel.hub.registry.SiteDirectory;

/**
 * Alarms as on-call staff read them: each with where it is (site, building, floor) and the device's name, so that a
 * fire in a second community reads "2号楼 12层" rather than a bare device id.
 */
final class AlarmPlaces {

    private final SiteDirectory directory;
    private final String site;
    private final Listings.SiteListing siteListing;
    private final Map<String, Listings.DeviceListing> devices = new HashMap<>();
    private final Map<String, Listings.BuildingListing> buildings = new HashMap<>();

    AlarmPlaces(Listings listings, SiteDirectory directory, String site) {
        this.directory = directory;
        this.site = site;
        this.siteListing = listings.sites().stream().filter(s -> s.id().equals(site)).findFirst().orElse(null);
        listings.devices(site).forEach(d -> devices.put(d.id(), d));
        listings.buildings(site).forEach(b -> buildings.put(b.id(), b));
    }

    List<Map<String, Object>> place(List<Alarm> alarms) {
        return alarms.stream().map(this::place).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> place(Alarm a) {
        Map<String, Object> m = new LinkedHashMap<>(ApiRouter.JSON.convertValue(a, Map.class));
        m.put("activatedAt", a.activatedAt()); // kept as an instant for sorting; written as ISO-8601 like the rest
        if (siteListing != null) {
            m.put("siteNameEn", siteListing.nameEn());
            m.put("siteNameZh", siteListing.nameZh());
        }
        String building = directory.buildingOf(site, a.device());
        m.put("building", building);
        Listings.BuildingListing b = building == null ? null : buildings.get(building);
        if (b != null) {
            m.put("buildingNameEn", b.nameEn());
            m.put("buildingNameZh", b.nameZh());
        }
        Listings.DeviceListing d = devices.get(a.device());
        if (d != null) {
            m.put("floor", d.floor());
            m.put("deviceNameEn", d.nameEn());
            m.put("deviceNameZh", d.nameZh());
        }
        return m;
    }
}
