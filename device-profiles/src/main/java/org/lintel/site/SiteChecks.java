package org.lintel.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lintel.check.Problems;
import org.lintel.check.Suggestions;
import org.lintel.check.Where;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.Protocol;
import org.lintel.profile.library.ProfileLibrary;
import org.lintel.profile.opcua.OpcUaAddress;

/**
 * Checks of a site file that span several parts or need the profiles: unique ids, references between parts,
 * bus and unit-id clashes, meters and the units they serve.
 */
public final class SiteChecks {

    private final Site site;
    private final ProfileLibrary profiles;
    private final Problems problems;
    private final Map<String, Bus> buses = new HashMap<>();
    private final Map<String, PropertyUnit> units = new HashMap<>();
    private final Map<String, CommonArea> areas = new HashMap<>();

    private SiteChecks(Site site, ProfileLibrary profiles, Problems problems) {
        this.site = site;
        this.profiles = profiles;
        this.problems = problems;
    }

    public static void check(Site site, ProfileLibrary profiles, Problems problems) {
        new SiteChecks(site, profiles, problems).run();
    }

    private Map<String, String> gatewayBuildings;

    /** Each gateway's building, built once: looking a gateway up per device made large sites quadratic. */
    private Map<String, String> gatewayBuildings() {
        if (gatewayBuildings == null) {
            gatewayBuildings = new HashMap<>();
            site.gateways().forEach(g -> gatewayBuildings.putIfAbsent(g.id(), g.building()));
        }
        return gatewayBuildings;
    }

    private void run() {
        Set<String> buildingIds = new HashSet<>();
        for (Building b : site.buildings()) {
            if (!buildingIds.add(b.id())) {
                problems.error(Where.wholeFile(site.file()), "building " + b.id(), "the id is used twice");
            }
        }
        site.units().forEach(u -> unique(units, u.id(), u, u.where(), "unit " + u.id(), PropertyUnit::where));
        site.allCommonAreas().forEach(a -> {
            if (units.containsKey(a.id())) {
                problems.error(a.where(), "common area " + a.id(), "the id is already a unit's (line " + units.get(a.id()).where().line() + ")");
            }
            unique(areas, a.id(), a, a.where(), "common area " + a.id(), CommonArea::where);
        });
        Map<String, Gateway> gateways = new HashMap<>();
        Map<String, Gateway> mqttUsers = new HashMap<>();
        for (Gateway g : site.gateways()) {
            unique(gateways, g.id(), g, g.where(), "gateway " + g.id(), Gateway::where);
            String user = g.uplink() == null ? null : g.uplink().username();
            // the broker lets one session per user in: a second gateway with the same user could never stay connected
            if (user != null && mqttUsers.putIfAbsent(user, g) != null) {
                Gateway first = mqttUsers.get(user);
                problems.error(g.where(), "gateway " + g.id(), "field 'uplink.username': MQTT user '" + user + "' is already gateway " + first.id()
                        + "'s (line " + first.where().line() + "); every gateway needs a user of its own");
            }
            if (g.building() != null && !buildingIds.contains(g.building())) {
                problems.error(g.where(), "gateway " + g.id(), "no building '" + g.building() + "'" + Suggestions.didYouMean(g.building(), buildingIds));
            }
            g.buses().forEach(b -> unique(buses, b.id(), b, b.where(), "bus " + b.id(), Bus::where));
        }
        busEndpoints();
        Map<String, Device> devices = new HashMap<>();
        Map<String, Device> unitIds = new HashMap<>();
        Map<String, Device> endpoints = new HashMap<>();
        for (Device d : site.devices()) {
            unique(devices, d.id(), d, d.where(), "device " + d.id(), Device::where);
            device(d, gateways, buildingIds, unitIds, endpoints);
        }
        site.devices().stream().filter(d -> d.metering() != null).forEach(d -> metering(d, devices));
        site.alarmRules().forEach(r -> alarmRule(r, devices, buildingIds));
        Set<String> virtualIds = new HashSet<>();
        for (VirtualMeter v : site.virtualMeters()) {
            if (devices.containsKey(v.id())) {
                problems.error(v.where(), "virtual meter " + v.id(), "the id is already a device's (line " + devices.get(v.id()).where().line() + ")");
            } else if (!virtualIds.add(v.id())) {
                problems.error(v.where(), "virtual meter " + v.id(), "the id is used twice");
            }
            virtualMeter(v, devices);
        }
    }

    /**
     * A virtual meter's members must be meters of this site measuring the same thing, each named once, and {@code of}
     * must have sub-meters (else it would just repeat the meter).
     */
    private void virtualMeter(VirtualMeter v, Map<String, Device> devices) {
        String subject = "virtual meter " + v.id();
        List<String> members = new ArrayList<>();
        if (v.of() != null) {
            members.add(v.of());
        }
        members.addAll(v.plus());
        members.addAll(v.minus());
        Set<String> seen = new HashSet<>();
        Set<BillingMeaning> medium = null;
        String first = null;
        for (String id : members) {
            String field = v.of() != null && id.equals(v.of()) ? "of" : v.plus().contains(id) ? "plus" : "minus";
            Device d = devices.get(id);
            if (d == null) {
                problems.error(v.where(), subject, field + ": no device '" + id + "'" + Suggestions.didYouMean(id, devices.keySet()));
                return;
            }
            if (!seen.add(id)) {
                problems.error(v.where(), subject, field + ": " + id + " is named twice; each meter counts once");
                return;
            }
            Set<BillingMeaning> m = measures(d);
            if (m.isEmpty()) {
                problems.error(v.where(), subject, field + ": device " + id + " (line " + d.where().line() + ", profile " + d.profile() + ") is not a meter");
                return;
            }
            if (medium != null && Collections.disjoint(medium, m)) {
                problems.error(v.where(), subject, field + ": " + id + " measures " + words(m) + ", " + first + " " + words(medium)
                        + "; a virtual meter adds and subtracts one quantity");
                return;
            }
            if (medium == null) {
                medium = m;
                first = id;
            }
        }
        if (v.of() != null && site.devices().stream().noneMatch(d -> d.metering() != null && v.of().equals(d.metering().submeterOf()))) {
            problems.error(v.where(), subject, "of: " + v.of() + " has no sub-meters (meter.submeterOf), so it less its sub-meters would be itself");
        }
        if (v.category() != null && medium != null && !medium.contains(BillingMeaning.ELECTRICITY)) {
            problems.error(v.where(), subject, "category: a 分项 category applies to electricity; " + first + " measures " + words(medium));
        }
    }

    /**
     * An alarm rule must name things that exist, and an alarm type that at least one matched device can raise: a
     * mistyped type would otherwise change nothing, silently.
     */
    private void alarmRule(AlarmRule r, Map<String, Device> devices, Set<String> buildingIds) {
        String subject = "alarm rule " + r.type();
        if (r.device() != null && !devices.containsKey(r.device())) {
            problems.error(r.where(), subject, "match.device: no device '" + r.device() + "'" + Suggestions.didYouMean(r.device(), devices.keySet()));
            return;
        }
        if (r.building() != null && !buildingIds.contains(r.building())) {
            problems.error(r.where(), subject, "match.building: no building '" + r.building() + "'" + Suggestions.didYouMean(r.building(), buildingIds));
            return;
        }
        if (r.profile() != null && profiles.find(r.profile()).isEmpty()) {
            problems.error(r.where(), subject, "match.profile: no profile '" + r.profile() + "'"
                    + Suggestions.didYouMean(r.profile(), profiles.all().stream().map(DeviceProfile::id).toList()));
            return;
        }
        Set<String> known = new java.util.TreeSet<>(AlarmRule.BUILT_IN);
        for (Device d : site.devices()) {
            String building = d.location() != null && d.location().building() != null ? d.location().building()
                    : gatewayBuildings().get(d.gateway());
            if (r.matches(d.id(), building, d.profile())) {
                profiles.find(d.profile()).ifPresent(p -> p.alarms().forEach(a -> known.add(a.type())));
            }
        }
        if (!known.contains(r.type())) {
            problems.error(r.where(), subject, "no matched device has an alarm of type '" + r.type() + "'" + (Suggestions.closest(r.type(), known).isEmpty()
                    ? " (types here: " + String.join(", ", known) + ")" : Suggestions.didYouMean(r.type(), known)));
        }
        if (r.counter() != null && !List.of("night-flow", "counter-decrease", "counter-jump").contains(r.type())) {
            problems.error(r.where(), subject, "counter settings apply only to night-flow, counter-decrease and counter-jump");
        }
    }

    private <T> void unique(Map<String, T> seen, String id, T item, Where where, String subject, Function<T, Where> whereOf) {
        T first = seen.putIfAbsent(id, item);
        if (first != null) {
            problems.error(where, subject, "the id is used twice (first at line " + whereOf.apply(first).line() + ")");
        }
    }

    /** One TCP endpoint or serial port is one bus: two bus entries for it would poll the line twice at once. */
    private void busEndpoints() {
        Map<String, Bus> seen = new HashMap<>();
        for (Bus b : buses.values().stream().sorted((a, c) -> Integer.compare(a.where().line(), c.where().line())).toList()) {
            String key = b.transport() instanceof Bus.RtuSerial ? b.gateway() + "@" + b.transport().endpoint() : b.transport().endpoint();
            Bus first = seen.putIfAbsent(key, b);
            if (first != null) {
                problems.error(b.where(), "bus " + b.id(), b.transport().endpoint() + " is already bus " + first.id()
                        + " (line " + first.where().line() + "); put both devices on one bus with different unit ids");
            }
        }
    }

    private void device(Device d, Map<String, Gateway> gateways, Set<String> buildingIds, Map<String, Device> unitIds,
                        Map<String, Device> endpoints) {
        String subject = "device " + d.id();
        Optional<DeviceProfile> profile = profiles.find(d.profile());
        if (profile.isEmpty()) {
            String hint = Suggestions.closest(d.profile(), profiles.ids()).map(s -> "; did you mean '" + s + "'?")
                    .orElse("; add its file to a folder listed under 'profiles:', or use one of: " + String.join(", ", profiles.ids()));
            problems.error(d.where(), subject, "profile '" + d.profile() + "' is not in the library" + hint);
        }
        String gateway = d.gateway();
        if (d.connection() instanceof Connection.Modbus mc) {
            Bus bus = buses.get(mc.bus());
            if (bus == null) {
                problems.error(d.where(), subject, "no bus '" + mc.bus() + "'" + Suggestions.didYouMean(mc.bus(), buses.keySet())
                        + "; buses are declared under a gateway's 'buses:'");
            } else {
                if (!bus.gateway().equals(gateway)) {
                    problems.error(d.where(), subject, "bus " + bus.id() + " belongs to gateway " + bus.gateway() + ", not " + gateway);
                }
                Device first = unitIds.putIfAbsent(bus.id() + "#" + mc.unitId(), d);
                if (first != null) {
                    problems.error(d.where(), subject, "unit id " + mc.unitId() + " on bus " + bus.id() + " is already device "
                            + first.id() + " (line " + first.where().line() + "); every device on a bus needs its own unit id");
                }
            }
        } else if (gateway == null) {
            problems.error(d.where(), subject, "field 'gateway' is missing; expected the id of the gateway that reaches this device");
        } else if (!gateways.containsKey(gateway)) {
            problems.error(d.where(), subject, "no gateway '" + gateway + "'" + Suggestions.didYouMean(gateway, gateways.keySet()));
        }
        if (d.connection() instanceof Connection.OpcUa o) {
            endpoint(endpoints, o.endpoint() + "#" + o.root(), d, "OPC UA endpoint " + o.endpoint()
                    + (o.root() == null ? "" : " with root " + o.root()));
        } else if (d.connection() instanceof Connection.Coap c) {
            endpoint(endpoints, c.uri(), d, "CoAP URI " + c.uri());
        }
        profile.ifPresent(p -> fitsProfile(d, p, subject));
        serves(d, profile.orElse(null), subject);
        if (d.location() != null && d.location().building() != null && !buildingIds.contains(d.location().building())) {
            problems.error(d.where(), subject, "location: no building '" + d.location().building() + "'"
                    + Suggestions.didYouMean(d.location().building(), buildingIds));
        }
    }

    private void endpoint(Map<String, Device> endpoints, String key, Device d, String what) {
        Device first = endpoints.putIfAbsent(key, d);
        if (first != null) {
            problems.error(d.where(), "device " + d.id(), what + " is already device " + first.id() + " (line " + first.where().line() + ")");
        }
    }

    private void fitsProfile(Device d, DeviceProfile p, String subject) {
        Protocol needed = p.protocol();
        boolean fits = (needed == Protocol.MODBUS && d.connection() instanceof Connection.Modbus)
                || (needed == Protocol.OPCUA && d.connection() instanceof Connection.OpcUa)
                || (needed == Protocol.COAP && d.connection() instanceof Connection.Coap);
        if (!fits) {
            problems.error(d.where(), subject, "profile " + p.id() + " speaks " + needed.word() + "; give the connection under '"
                    + needed.word() + "'");
        }
        for (String group : d.pollGroupOverrides().keySet()) {
            if (!p.pollGroups().containsKey(group)) {
                problems.error(d.where(), subject, "pollGroups: profile " + p.id() + " has no poll group '" + group + "'"
                        + Suggestions.didYouMean(group, p.pollGroups().keySet()) + " (it has: " + String.join(", ", p.pollGroups().keySet()) + ")");
            }
        }
        if (d.connection() instanceof Connection.OpcUa o && o.root() == null) {
            List<String> needRoot = p.points().stream().filter(pt -> pt.address() instanceof OpcUaAddress a && a.needsRoot())
                    .map(Point::name).toList();
            if (!needRoot.isEmpty()) {
                problems.error(d.where(), subject, "opcua.root is missing; profile " + p.id() + " uses {root} in its node ids (e.g. point "
                        + needRoot.get(0) + "), so each device must say its own root object");
            }
        }
    }

    private void serves(Device d, DeviceProfile p, String subject) {
        Device.Serves s = d.serves();
        if (s == null) {
            if (p != null && p.isMeter()) {
                problems.warning(d.where(), subject, "is a meter (" + p.id() + ") but serves no unit or common area; its usage will not be billed");
            }
            return;
        }
        if (p != null && !p.isMeter()) {
            problems.warning(d.where(), subject, "serves " + s.target() + " but profile " + p.id() + " has no billable counter");
        }
        if (s.unit() != null) {
            PropertyUnit u = units.get(s.unit());
            if (u == null) {
                problems.error(d.where(), subject, "serves unit '" + s.unit() + "', which is not in the site" + Suggestions.didYouMean(s.unit(), units.keySet()));
            } else if (u.area() == null) {
                problems.error(u.where(), "unit " + u.id(), "has no area, but meter " + d.id() + " (line " + d.where().line()
                        + ") serves it; add 'area:' in m² (needed for area-based fees and apportionment)");
            }
        } else if (s.building() != null) {
            if (site.buildings().stream().noneMatch(b -> b.id().equals(s.building()))) {
                problems.error(d.where(), subject, "serves building '" + s.building() + "', which is not in the site"
                        + Suggestions.didYouMean(s.building(), site.buildings().stream().map(Building::id).toList()));
            }
        } else if (!areas.containsKey(s.commonArea())) {
            problems.error(d.where(), subject, "serves common area '" + s.commonArea() + "', which is not in the site"
                    + Suggestions.didYouMean(s.commonArea(), areas.keySet()));
        }
    }

    /**
     * A meter's place in the meter tree: its upstream meter must exist, measure the same thing (a water meter under an
     * electricity incomer would make every loss figure meaningless), and not lead back to it.
     */
    private void metering(Device d, Map<String, Device> devices) {
        String subject = "device " + d.id();
        Device.Metering m = d.metering();
        Set<BillingMeaning> measures = measures(d);
        if (m.category() != null && !measures.isEmpty() && !measures.contains(BillingMeaning.ELECTRICITY)) {
            problems.error(d.where(), subject, "meter.category: a 分项 category (" + m.category().word()
                    + ") applies to electricity meters; profile " + d.profile() + " measures " + words(measures));
        }
        if (m.submeterOf() == null) {
            return;
        }
        Device up = devices.get(m.submeterOf());
        if (up == null) {
            problems.error(d.where(), subject, "meter.submeterOf: no device '" + m.submeterOf() + "' in the site to be upstream of this meter"
                    + Suggestions.didYouMean(m.submeterOf(), devices.keySet()));
            return;
        }
        if (up == d) {
            problems.error(d.where(), subject, "meter.submeterOf: a meter cannot be its own upstream meter");
            return;
        }
        Set<BillingMeaning> upstream = measures(up);
        if (upstream.isEmpty()) {
            problems.error(d.where(), subject, "meter.submeterOf: device " + up.id() + " (line " + up.where().line() + ", profile "
                    + up.profile() + ") is not a meter");
            return;
        }
        if (!measures.isEmpty() && Collections.disjoint(measures, upstream)) {
            problems.error(d.where(), subject, "meter.submeterOf: " + up.id() + " measures " + words(upstream) + ", this meter "
                    + words(measures) + "; a sub-meter measures part of what its upstream meter measures");
            return;
        }
        List<String> path = new ArrayList<>(List.of(d.id()));
        Device at = up;
        while (at != null && path.size() <= devices.size()) {
            path.add(at.id());
            if (at == d) {
                problems.error(d.where(), subject, "meter.submeterOf: the meters form a loop (" + String.join(" → ", path)
                        + "); the top of a meter tree is upstream of no meter");
                return;
            }
            at = at.metering() == null || at.metering().submeterOf() == null ? null : devices.get(at.metering().submeterOf());
        }
    }

    private Set<BillingMeaning> measures(Device d) {
        return profiles.find(d.profile()).map(p -> p.meterPoints().stream().map(Point::billing).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BillingMeaning.class)))).orElse(EnumSet.noneOf(BillingMeaning.class));
    }

    private static String words(Set<BillingMeaning> m) {
        return String.join(" and ", m.stream().map(b -> b.name().toLowerCase().replace('_', ' ')).toList());
    }
}
