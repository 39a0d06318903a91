package org.lintel.site;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lintel.i18n.Label;

/**
 * A residential community (小区) as one site file describes it: buildings with floors, units and common areas, the
 * gateways with their field buses, and every device with its connection and what it serves. The simulators, the
 * gateways and the hub all read the same file.
 *
 * @param timeZone the community's local time zone (billing periods and night-flow windows are local); instants are UTC
 * @param commonAreas site-wide common areas (pump room, gatehouse); buildings have their own
 * @param alarmRules  the site's changes to its devices' alarm rules, in file order
 * @param gridRegion  the power grid whose emission factor its electricity's CO₂ is counted with (national when not given)
 * @param gridProvince the province, whose own factor counts before the grid's when the factor table has one; or null
 * @param virtualMeters meters worked out from others (an incomer less its sub-meters, sums and differences)
 */
public record Site(
        String id,
        Label name,
        ZoneId timeZone,
        List<Building> buildings,
        List<CommonArea> commonAreas,
        List<Gateway> gateways,
        List<Device> devices,
        List<AlarmRule> alarmRules,
        GridRegion gridRegion,
        GridProvince gridProvince,
        List<VirtualMeter> virtualMeters,
        String file) {

    public Site {
        buildings = List.copyOf(buildings);
        commonAreas = List.copyOf(commonAreas);
        gateways = List.copyOf(gateways);
        devices = List.copyOf(devices);
        alarmRules = alarmRules == null ? List.of() : List.copyOf(alarmRules);
        gridRegion = gridRegion == null ? GridRegion.NATIONAL : gridRegion;
        virtualMeters = virtualMeters == null ? List.of() : List.copyOf(virtualMeters);
    }

    public Stream<PropertyUnit> units() {
        return buildings.stream().flatMap(b -> b.floors().stream()).flatMap(f -> f.units().stream());
    }

    public Stream<CommonArea> allCommonAreas() {
        return Stream.concat(commonAreas.stream(), buildings.stream().flatMap(b -> b.commonAreas().stream()));
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Gateway> gateway(String id) {
        return gateways.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public List<Device> devicesOf(String gatewayId) {
        return devices.stream().filter(d -> gatewayId.equals(d.gateway())).toList();
    }
}
