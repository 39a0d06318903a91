package org.lintel.sim.behaviour;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DeviceProfile;
import org.lintel.site.Device;
import org.lintel.site.Site;

/** Chooses the behaviour for a device from what its profile measures; anything unknown gets {@link Generic}. */
public final class Behaviours {

    private Behaviours() {
    }

    /**
     * Every device's behaviour. A building's incomer (an electricity meter serving the building) measures the meters
     * behind it (its sub-meters in the site file's meter tree, or else every meter located in its building), so those
     * are made first; a water meter serving a building measures the water meters declared below it.
     */
    public static Map<String, Behaviour> of(Site site, Function<String, DeviceProfile> profiles, long seed, Instant start) {
        Map<String, Behaviour> out = new LinkedHashMap<>();
        List<Device> incomers = new ArrayList<>();
        for (Device d : site.devices()) {
            if (isElectricity(profiles.apply(d.profile())) && d.serves() != null && d.serves().building() != null) {
                incomers.add(d);
            } else {
                out.put(d.id(), of(site, d, profiles.apply(d.profile()), seed, start));
            }
        }
        // a water meter serving a building with water meters declared below it measures them (and the pipes' leaks)
        for (Device d : site.devices()) {
            List<WaterMeter> below = site.devices().stream().filter(x -> x.metering() != null && d.id().equals(x.metering().submeterOf()))
                    .map(x -> out.get(x.id())).filter(b -> b instanceof WaterMeter).map(b -> (WaterMeter) b).toList();
            if (out.get(d.id()) instanceof WaterMeter && d.serves() != null && d.serves().building() != null && !below.isEmpty()) {
                out.put(d.id(), WaterMeter.incomer(seed, d.id(), site.timeZone(), start, below));
            }
        }
        for (Device incomer : incomers) {
            String building = incomer.serves().building();
            // the site file's meter tree where it has one (meter.submeterOf), else every meter located in the building
            List<Device> declared = site.devices().stream()
                    .filter(d -> d.metering() != null && incomer.id().equals(d.metering().submeterOf())).toList();
            List<ElectricityMeter> behind = (declared.isEmpty() ? site.devices().stream()
                    .filter(d -> !incomers.contains(d) && d.location() != null && building.equals(d.location().building())) : declared.stream())
                    .map(d -> out.get(d.id())).filter(b -> b instanceof ElectricityMeter).map(b -> (ElectricityMeter) b).toList();
            out.put(incomer.id(), behind.isEmpty() ? of(site, incomer, profiles.apply(incomer.profile()), seed, start)
                    : ElectricityMeter.incomer(seed, incomer.id(), site.timeZone(), start, behind));
        }
        return out;
    }

    private static boolean isElectricity(DeviceProfile profile) {
        return profile.meterPoints().stream().anyMatch(p -> p.billing() == BillingMeaning.ELECTRICITY);
    }

    public static Behaviour of(Site site, Device device, DeviceProfile profile, long seed, Instant start) {
        boolean electricity = isElectricity(profile);
        boolean water = profile.meterPoints().stream().anyMatch(p -> p.billing() == BillingMeaning.WATER);
        if (electricity) {
            return new ElectricityMeter(seed, device.id(), site.timeZone(), start, profile.point("voltage.l2").isPresent());
        }
        if (water) {
            return new WaterMeter(seed, device.id(), site.timeZone(), start);
        }
        if (profile.point("passenger.trapped").isPresent()) {
            return new Lift(seed, device.id(), site.timeZone(), start, floorsOf(site, device));
        }
        if (profile.point("alarm.state").isPresent()) {
            return new SmokeDetector(seed, device.id(), site.timeZone(), start);
        }
        if (profile.point("level").isPresent()) {
            return new TankLevel();
        }
        return new Generic(seed, device.id(), start);
    }

    private static int floorsOf(Site site, Device device) {
        String building = device.location() != null ? device.location().building() : null;
        return site.buildings().stream().filter(b -> b.id().equals(building)).findFirst()
                .map(b -> b.floors().size()).filter(n -> n > 1).orElse(10);
    }
}
