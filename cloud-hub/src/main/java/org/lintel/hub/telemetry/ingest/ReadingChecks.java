package org.lintel.hub.telemetry.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.lintel.hub.core.HubMetrics;
import org.lintel.hub.registry.SiteDirectory;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.reading.Quality;
import org.lintel.reading.QualityReason;
import org.lintel.reading.Reading;
import org.lintel.reading.Value;
import org.lintel.unit.Unit;

/**
 * What a reading must be before it is stored: a point of the device's profile, at a plausible time, in the point's
 * canonical unit (converted when the gateway declared another unit of the same quantity), with a finite value and text of a
 * sane length. Billing reads these points; a reading that fails is refused and counted (or, for a non-finite value,
 * stored as bad without a value), never stored as it came.
 */
public final class ReadingChecks {

    /** A device clock a little ahead is tolerated; beyond this the timestamp cannot be true. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** The longest text value stored, in characters: far above any device's text, far below what a store can hold. */
    public static final int MAX_TEXT_CHARS = 16_384;

    private final Function<String, Optional<DeviceProfile>> profiles;
    private final HubMetrics metrics;
    private final Duration maxAge;

    /**
     * @param profiles device profiles by id (an unknown profile lets every point through: the registry accepted it)
     * @param maxAge   how old a reading may be: about how long a gateway's buffer can hold readings while offline
     */
    public ReadingChecks(Function<String, Optional<DeviceProfile>> profiles, HubMetrics metrics, Duration maxAge) {
        this.profiles = profiles;
        this.metrics = metrics;
        this.maxAge = maxAge;
    }

    /** The checks for one message of one device: its profile and the time window are looked up once. */
    public ForMessage forMessage(String site, String gateway, SiteDirectory.DeviceEntry device, Instant now) {
        return new ForMessage(site + "/" + gateway + "/" + device.id(), device.profile(), profiles.apply(device.profile()),
                now.plus(FUTURE_TOLERANCE), now.minus(maxAge), now);
    }

    /** One message's checks; see {@link ReadingChecks}. */
    public final class ForMessage {
        private final String source;
        private final String profileId;
        private final Optional<DeviceProfile> profile;
        private final Instant latest;
        private final Instant earliest;
        private final Instant now;

        private ForMessage(String source, String profileId, Optional<DeviceProfile> profile, Instant latest, Instant earliest, Instant now) {
            this.source = source;
            this.profileId = profileId;
            this.profile = profile;
            this.latest = latest;
            this.earliest = earliest;
            this.now = now;
        }

        /** The reading as it may be stored, or empty (counted and logged) when it must not be. */
        public Optional<Reading> check(Reading r) {
            Optional<Point> point = profile.flatMap(p -> p.point(r.point()));
            if (profile.isPresent() && point.isEmpty()) {
                return refuse("undeclared-point", source, "point " + r.point() + " is not in profile " + profileId
                        + " (its points: " + String.join(", ", profile.get().points().stream().map(Point::name).toList()) + ")");
            }
            if (r.sourceTime().isAfter(latest)) {
                return refuse("time-in-future", source, r.point() + " at " + r.sourceTime() + " is more than " + FUTURE_TOLERANCE.toMinutes()
                        + " minutes ahead of the hub's clock (" + now + "); check the gateway's or device's clock");
            }
            if (r.sourceTime().isBefore(earliest)) {
                return refuse("time-too-old", source, r.point() + " at " + r.sourceTime() + " is older than " + maxAge.toDays() + " days");
            }
            int chars = r.value() instanceof Value.Text t ? t.value().length()
                    : r.value() instanceof Value.State st ? Math.max(st.name().length(), st.raw() == null ? 0 : st.raw().length()) : 0;
            if (chars > MAX_TEXT_CHARS) {
                return refuse("text-too-long", source, r.point() + " has " + chars + " characters, at most " + MAX_TEXT_CHARS);
            }
            if (r.value() instanceof Value.Numeric n) {
                if (!Double.isFinite(n.value())) {
                    // kept as a bad reading: the device did report at that time, but no number can be billed or charted
                    return Optional.of(new Reading(r.deviceId(), r.point(), null, r.unit(),
                            Quality.bad(QualityReason.DECODE_ERROR, "not a finite number: " + n.value()), r.sourceTime(), r.gatewayTime()));
                }
                Optional<Unit> canonical = point.flatMap(Point::canonicalUnit);
                if (canonical.isPresent() && r.unit() != null && !r.unit().equals(canonical.get().id())) {
                    return inUnit(r, n.value(), canonical.get(), source);
                }
            }
            return Optional.of(r);
        }
    }

    /** A value the gateway sent in another unit than the profile's: converted if it is the same quantity. */
    private Optional<Reading> inUnit(Reading r, double value, Unit canonical, String source) {
        Optional<Unit> declared = Unit.byId(r.unit());
        if (declared.isEmpty()) {
            return refuse("unknown-unit", source, r.point() + " was sent in '" + r.unit() + "', which is not a unit Lintel knows; it stores "
                    + canonical.id());
        }
        if (declared.get().canonical() != canonical) {
            return refuse("incompatible-unit", source, r.point() + " was sent in " + declared.get().id() + ", which is not a unit of "
                    + canonical.dimension().name().toLowerCase().replace('_', ' ') + " (stored in " + canonical.id() + ")");
        }
        double converted = declared.get().toCanonical(new BigDecimal(Double.toString(value))).doubleValue();
        return Optional.of(new Reading(r.deviceId(), r.point(), new Value.Numeric(converted), canonical.id(), r.quality(), r.sourceTime(),
                r.gatewayTime()));
    }

    private Optional<Reading> refuse(String reason, String source, String detail) {
        metrics.rejected(reason, source, detail);
        return Optional.empty();
    }
}
