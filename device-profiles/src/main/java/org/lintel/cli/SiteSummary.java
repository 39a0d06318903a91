package org.lintel.cli;

import java.util.Map;
import java.util.TreeMap;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.site.Building;
import org.lintel.site.Device;
import org.lintel.site.Gateway;
import org.lintel.site.Site;

/** A few lines describing a site: its buildings, units, gateways, buses and devices by profile. */
final class SiteSummary {

    private SiteSummary() {
    }

    static String of(Site site, ProfileLibrary profiles) {
        StringBuilder b = new StringBuilder();
        b.append("Site ").append(site.id()).append(" (").append(site.name().in(java.util.Locale.ENGLISH, site.id()))
                .append(" / ").append(site.name().in(java.util.Locale.SIMPLIFIED_CHINESE, site.id())).append("), time zone ")
                .append(site.timeZone()).append(", file ").append(site.file()).append('\n');
        for (Building bd : site.buildings()) {
            long units = bd.floors().stream().mapToLong(f -> f.units().size()).sum();
            b.append("  building ").append(bd.id()).append(": ").append(bd.floors().size()).append(" floors, ")
                    .append(units).append(" units, ").append(bd.commonAreas().size()).append(" common areas\n");
        }
        Map<String, Long> perGateway = site.devices().stream().filter(d -> d.gateway() != null)
                .collect(java.util.stream.Collectors.groupingBy(org.lintel.site.Device::gateway, java.util.stream.Collectors.counting()));
        for (Gateway g : site.gateways()) {
            b.append("  gateway ").append(g.id()).append(": ").append(g.buses().size()).append(" buses, ")
                    .append(perGateway.getOrDefault(g.id(), 0L)).append(" devices\n");
        }
        Map<String, Integer> byProfile = new TreeMap<>();
        long meters = 0;
        for (Device d : site.devices()) {
            byProfile.merge(d.profile(), 1, Integer::sum);
            if (d.serves() != null && profiles.find(d.profile()).map(p -> p.isMeter()).orElse(false)) {
                meters++;
            }
        }
        b.append("  devices: ").append(site.devices().size()).append(' ').append(byProfile)
                .append("; meters serving a unit or common area: ").append(meters);
        return b.toString();
    }
}
