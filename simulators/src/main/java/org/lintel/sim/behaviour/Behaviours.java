package org.lintel.sim.behaviour;

import java.time.Instant;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DeviceProfile;
import org.lintel.site.Device;
import org.lintel.site.Site;

/** Chooses the behaviour for a device from what its profile measures; anything unknown gets {@link Generic}. */
public final class Behaviours {

    private Behaviours() {
    }

    public static Behaviour of(Site site, Device device, DeviceProfile profile, long seed, Instant start) {
        boolean electricity = profile.meterPoints().stream().anyMatch(p -> p.billing() == BillingMeaning.ELECTRICITY);
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
