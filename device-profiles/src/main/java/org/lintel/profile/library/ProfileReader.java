package org.lintel.profile.library;

import org.lintel.profile.Access;
import org.lintel.profile.AlarmCondition;
import org.lintel.profile.BillingMeaning;
import org.lintel.profile.DataType;
import org.lintel.profile.Deadband;
import org.lintel.profile.DeviceProfile;
import org.lintel.profile.Point;
import org.lintel.profile.PointAddress;
import org.lintel.profile.PointKind;
import org.lintel.profile.Protocol;
import org.lintel.profile.ValueRange;
import org.lintel.profile.Words;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lintel.check.Problems;
import org.lintel.check.Suggestions;
import org.lintel.i18n.Label;
import org.lintel.i18n.LabelReader;
import org.lintel.profile.coap.CoapReader;
import org.lintel.profile.modbus.ModbusReader;
import org.lintel.profile.ModbusSettings;
import org.lintel.profile.opcua.OpcUaReader;
import org.lintel.unit.Unit;
import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/**
 * Reads one device-profile file into a {@link DeviceProfile}, recording every problem found (not only the first).
 * A profile with errors is still returned where it could be read, so that site checks can go on; callers decide
 * by {@link Problems#hasErrors()} whether to use it.
 */
public final class ProfileReader {

    /** Canonical point names: lower-case dotted words, e.g. {@code energy.import.total}. */
    static final Pattern POINT_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final Pattern STATE_NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    private static final Map<String, PointKind> KINDS = Words.of(PointKind.class);
    private static final Map<String, DataType> TYPES = Words.of(DataType.class);
    private static final Map<String, Access> ACCESS = Words.of(Access.class);
    private static final Map<String, BillingMeaning> BILLING = Words.of(BillingMeaning.class);

    private final Problems problems;
    private Protocol protocol;
    private ModbusSettings modbus;
    private String opcuaNamespace;
    private Map<String, Duration> pollGroups = Map.of();

    private ProfileReader(Problems problems) {
        this.problems = problems;
    }

    public static Optional<DeviceProfile> read(YamlMap root, Problems problems) {
        return new ProfileReader(problems).profile(root);
    }

    private Optional<DeviceProfile> profile(YamlMap root) {
        String file = root.file().name();
        Optional<String> id = root.requiredText("id", "the profile's id, e.g. eastron-sdm630");
        id.filter(i -> !ID.matcher(i).matches()).ifPresent(i ->
                root.error("id", "'" + i + "' is not a valid id; use lower-case letters, digits, '.', '-' and '_'"));
        String manufacturer = root.requiredText("manufacturer", "the manufacturer's name").orElse(null);
        String model = root.requiredText("model", "the model as printed on the device").orElse(null);
        String description = root.text("description").orElse(null);
        String source = root.requiredText("source", "the manual or register map this profile was written from").orElse(null);
        protocol = root.requiredChoice("protocol", Protocol.words()).orElse(null);
        pollGroups = pollGroups(root);
        if (protocol == Protocol.MODBUS) {
            modbus = root.requiredMap("modbus", "the device's Modbus settings, at least 'addressBase: 0' or 'addressBase: 1'")
                    .map(ModbusReader::settings).orElse(new ModbusSettings(0, org.lintel.profile.ByteOrder.BIG,
                            org.lintel.profile.WordOrder.BIG, 125, 2000, true));
        } else if (root.has("modbus")) {
            root.error("modbus", "only Modbus profiles have a 'modbus' section; this profile's protocol is " + protocol.word());
        }
        if (protocol == Protocol.OPCUA) {
            root.map("opcua").ifPresent(m -> {
                opcuaNamespace = m.text("namespace").orElse(null);
                m.rejectUnknownKeys();
            });
        } else if (root.has("opcua")) {
            root.error("opcua", "only OPC UA profiles have an 'opcua' section");
        }
        List<Point> points = new ArrayList<>();
        for (YamlMap pm : root.maps("points")) {
            point(pm).ifPresent(points::add);
        }
        if (!root.has("points")) {
            root.missing("points", "the list of the device's points");
        } else if (root.maps("points").isEmpty()) {
            root.error("points", "a profile needs at least one point; a device without points has nothing to read");
        }
        ProfileChecks.points(points, problems);
        ProfileChecks.unusedPollGroups(root, pollGroups, points);
        List<AlarmCondition> alarms = new ArrayList<>();
        for (YamlMap am : root.maps("alarms")) {
            AlarmReader.read(am, points).ifPresent(alarms::add);
        }
        ProfileChecks.alarms(alarms, problems);
        root.rejectUnknownKeys();
        if (id.isEmpty() || protocol == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceProfile(id.get(), manufacturer, model, description, source, protocol, pollGroups,
                points, alarms, protocol == Protocol.MODBUS ? modbus : null, file));
    }

    private Map<String, Duration> pollGroups(YamlMap root) {
        Map<String, Duration> groups = new LinkedHashMap<>();
        root.map("pollGroups").ifPresent(m -> {
            for (Map.Entry<String, YamlValue> e : m.entries()) {
                e.getValue().asDuration().ifPresent(d -> groups.put(e.getKey(), d));
            }
        });
        return groups;
    }

    private Optional<Point> point(YamlMap raw) {
        Optional<String> nameText = raw.requiredText("name", "a canonical dotted name such as voltage.l1");
        String name = nameText.orElse("#" + raw.where().line());
        YamlMap m = raw.about("point " + name);
        nameText.filter(n -> !POINT_NAME.matcher(n).matches()).ifPresent(n -> m.error("name",
                "'" + n + "' is not a canonical name; use lower-case dotted words such as energy.import.total"));
        Label label = LabelReader.read(m, "label");
        Optional<PointKind> kind = m.requiredChoice("kind", KINDS);
        Optional<DataType> type = m.requiredChoice("type", TYPES);
        Unit unit = unit(m, kind.orElse(null), type.orElse(null));
        BigDecimal scale = m.decimal("scale").orElse(BigDecimal.ONE);
        BigDecimal offset = m.decimal("offset").orElse(BigDecimal.ZERO);
        if (scale.signum() == 0) {
            m.error("scale", "a scale of 0 turns every reading into the offset; use a non-zero factor such as 0.01");
        }
        if ((m.has("scale") || m.has("offset")) && type.isPresent() && !type.get().isNumeric()) {
            m.error(m.has("scale") ? "scale" : "offset", "only numeric types take a scale or offset, the type is " + Words.word(type.get()));
        }
        Access access = m.choice("access", ACCESS).orElse(Access.READ);
        Optional<String> pollGroup = m.text("pollGroup");
        pollGroup.filter(g -> !pollGroups.containsKey(g)).ifPresent(g -> m.error("pollGroup", "no poll group '" + g
                + "' in this profile" + Suggestions.didYouMean(g, pollGroups.keySet())
                + (pollGroups.isEmpty() ? "; declare it under pollGroups (e.g. fast: 5s)" : " (declared: " + String.join(", ", pollGroups.keySet()) + ")")));
        Deadband deadband = deadband(m, kind.orElse(null));
        ValueRange range = range(m);
        BigDecimal rollover = rollover(m, kind.orElse(null));
        Map<String, String> states = states(m, kind.orElse(null));
        Integer bit = bit(m, type.orElse(null));
        BillingMeaning billing = m.choice("billing", BILLING).orElse(null);
        if (billing != null && kind.isPresent() && kind.get() != PointKind.COUNTER) {
            m.error("billing", "only counters can be billed; this point is a " + Words.word(kind.get()));
        }
        if (kind.isPresent() && type.isPresent()) {
            kindFitsType(m, kind.get(), type.get());
        }
        PointAddress address = address(m, type.orElse(null), bit);
        boolean pushed = isPushed(address);
        if (pollGroup.isEmpty() && !pushed && address != null && access.canRead()) {
            m.missing("pollGroup", "the poll group that reads this point" + (pollGroups.isEmpty() ? "" : " (one of " + String.join(", ", pollGroups.keySet()) + ")"));
        }
        m.rejectUnknownKeys();
        if (nameText.isEmpty() || kind.isEmpty() || type.isEmpty() || address == null) {
            return Optional.empty();
        }
        return Optional.of(new Point(name, label, kind.get(), type.get(), unit, scale, offset, access, pollGroup.orElse(null),
                deadband, range, rollover, states, bit, billing, address, m.where()));
    }

    private static boolean isPushed(PointAddress a) {
        return (a instanceof org.lintel.profile.opcua.OpcUaAddress o && o.subscribe())
                || (a instanceof org.lintel.profile.coap.CoapAddress c && c.observe());
    }

    private Unit unit(YamlMap m, PointKind kind, DataType type) {
        Optional<String> word = m.text("unit");
        boolean numericKind = kind == PointKind.GAUGE || kind == PointKind.COUNTER;
        if (word.isEmpty()) {
            if (numericKind && type != DataType.STRING) {
                m.missing("unit", "a unit from the vocabulary, e.g. kWh, V, m3, degC (see docs/device-profiles.md)");
            }
            return null;
        }
        Optional<Unit> unit = Unit.byId(word.get());
        if (unit.isEmpty()) {
            m.error("unit", "'" + word.get() + "' is not in the unit vocabulary" + Suggestions.didYouMean(word.get(), Unit.ids())
                    + " (known: " + String.join(", ", Unit.ids()) + ")");
            return null;
        }
        if (kind != null && !numericKind) {
            m.error("unit", "a " + Words.word(kind) + " point has no unit; remove it");
            return null;
        }
        return unit.get();
    }

    private static void kindFitsType(YamlMap m, PointKind kind, DataType type) {
        if (kind == PointKind.FLAG && type != DataType.BOOL && type != DataType.BITFIELD && !type.isInteger()) {
            m.error("type", "a flag is read from bool, bitfield or an integer (non-zero = true), not " + Words.word(type));
        }
        if (kind == PointKind.STATE && !(type.isInteger() || type == DataType.STRING || type == DataType.BOOL)) {
            m.error("type", "a state is read from an integer or string, not " + Words.word(type));
        }
        if ((kind == PointKind.GAUGE || kind == PointKind.COUNTER) && !type.isNumeric() && type != DataType.STRING) {
            m.error("type", "a " + Words.word(kind) + " needs a numeric type (int16 … float64), not " + Words.word(type));
        }
    }

    private Deadband deadband(YamlMap m, PointKind kind) {
        Optional<YamlMap> d = m.map("deadband");
        if (d.isEmpty()) {
            return Deadband.NONE;
        }
        YamlMap dm = d.get();
        Optional<BigDecimal> abs = dm.decimal("absolute");
        Optional<BigDecimal> pct = dm.decimal("percent");
        dm.rejectUnknownKeys();
        if (kind == PointKind.STATE || kind == PointKind.FLAG) {
            m.error("deadband", "a " + Words.word(kind) + " is reported on every change; a deadband applies to gauges and counters");
            return Deadband.NONE;
        }
        if (abs.isPresent() == pct.isPresent()) {
            m.error("deadband", "give exactly one of 'absolute' (in the point's unit) or 'percent'");
            return Deadband.NONE;
        }
        BigDecimal amount = abs.orElseGet(pct::get);
        if (amount.signum() < 0) {
            m.error("deadband", "must not be negative, found " + amount);
            return Deadband.NONE;
        }
        return new Deadband(abs.isPresent() ? Deadband.Mode.ABSOLUTE : Deadband.Mode.PERCENT, amount);
    }

    private static ValueRange range(YamlMap m) {
        Optional<YamlMap> r = m.map("range");
        if (r.isEmpty()) {
            return null;
        }
        BigDecimal min = r.get().decimal("min").orElse(null);
        BigDecimal max = r.get().decimal("max").orElse(null);
        r.get().rejectUnknownKeys();
        if (min != null && max != null && min.compareTo(max) > 0) {
            m.error("range", "min " + min + " must not be above max " + max);
        }
        return new ValueRange(min, max);
    }

    private static BigDecimal rollover(YamlMap m, PointKind kind) {
        Optional<BigDecimal> r = m.decimal("rollover");
        if (kind == PointKind.COUNTER && r.isEmpty() && !m.has("rollover")) {
            m.missing("rollover", "the value at which this counter wraps to zero, in the point's unit"
                    + " (e.g. 99999999.99 for an 8+2 digit register, or 4294967295 × scale for a uint32)");
        }
        if (r.isPresent() && kind != PointKind.COUNTER) {
            m.error("rollover", "only counters roll over; remove it or make the point a counter");
            return null;
        }
        if (r.isPresent() && r.get().signum() <= 0) {
            m.error("rollover", "must be greater than zero, found " + r.get());
            return null;
        }
        return r.orElse(null);
    }

    private static Map<String, String> states(YamlMap m, PointKind kind) {
        Optional<YamlMap> s = m.map("states");
        if (kind == PointKind.STATE && s.isEmpty()) {
            if (!m.has("states")) {
                m.missing("states", "the raw values and their state names, e.g. {0: normal, 1: pre-alarm, 2: fire}");
            }
            return Map.of();
        }
        if (s.isPresent() && kind != PointKind.STATE) {
            m.error("states", "only state points have states");
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        s.ifPresent(sm -> {
            for (Map.Entry<String, YamlValue> e : sm.entries()) {
                e.getValue().asText().ifPresent(name -> {
                    if (!STATE_NAME.matcher(name).matches()) {
                        e.getValue().error("'" + name + "' is not a state name; use lower-case words such as pre-alarm");
                    } else if (out.containsValue(name)) {
                        e.getValue().warning("state name '" + name + "' is used for more than one raw value");
                    }
                    out.put(rawKey(e.getKey().trim()), name);
                });
            }
        });
        return out;
    }

    /** Numeric raw values are normalised to decimal ({@code 0x55} → {@code 85}) so they match what devices send. */
    private static String rawKey(String key) {
        try {
            return Long.toString(Long.decode(key));
        } catch (NumberFormatException e) {
            return key;
        }
    }

    private static Integer bit(YamlMap m, DataType type) {
        var bit = m.whole("bit", 0, 63);
        if (type == DataType.BITFIELD && bit.isEmpty() && !m.has("bit")) {
            m.missing("bit", "the bit position, 0 = least significant");
            return null;
        }
        if (bit.isPresent() && type != DataType.BITFIELD) {
            m.error("bit", "only bitfield points have a bit; set 'type: bitfield' or remove it");
            return null;
        }
        return bit.isPresent() ? (int) bit.getAsLong() : null;
    }

    private PointAddress address(YamlMap m, DataType type, Integer bit) {
        if (protocol == null) {
            return null;
        }
        for (Protocol p : Protocol.values()) {
            if (p != protocol && m.has(p.word())) {
                m.error(p.word(), "this profile speaks " + protocol.word() + "; give the address under '" + protocol.word() + "'");
                m.value(p.word());
            }
        }
        Optional<YamlMap> a = m.requiredMap(protocol.word(), "the point's " + protocol.word() + " address");
        if (a.isEmpty()) {
            return null;
        }
        return switch (protocol) {
            case MODBUS -> ModbusReader.address(a.get(), modbus, type, bit).orElse(null);
            case OPCUA -> OpcUaReader.address(a.get(), opcuaNamespace).orElse(null);
            case COAP -> CoapReader.address(a.get()).orElse(null);
        };
    }
}
