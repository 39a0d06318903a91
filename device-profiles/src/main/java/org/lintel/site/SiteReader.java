package org.lintel.site;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lintel.check.Problems;
import org.lintel.check.Suggestions;
import org.lintel.i18n.Label;
import org.lintel.i18n.LabelReader;
import org.lintel.profile.Words;
import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/**
 * Reads a site file's structure (site, buildings, floors, units, common areas, gateways, buses, devices). Checks
 * that need the profiles or several parts at once are in {@link SiteChecks}.
 */
public final class SiteReader {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<Integer> BAUD_RATES = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);
    private static final Map<String, Bus.Parity> PARITY = Words.of(Bus.Parity.class);
    private static final Map<String, Connection.SecurityMode> MODES = Words.of(Connection.SecurityMode.class);
    static final List<String> SECURITY_POLICIES = List.of("None", "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss");

    private final Problems problems;
    private final List<String> profileFolders = new ArrayList<>();

    private SiteReader(Problems problems) {
        this.problems = problems;
    }

    /** The site read from the file, and the extra profile folders it names (relative to the file). */
    public record Result(Optional<Site> site, List<String> profileFolders) {
    }

    public static Result read(YamlMap root, Problems problems) {
        SiteReader r = new SiteReader(problems);
        Optional<Site> site = r.site(root);
        return new Result(site, List.copyOf(r.profileFolders));
    }

    private Optional<Site> site(YamlMap root) {
        Optional<YamlMap> header = root.requiredMap("site", "the community's id, name and time zone");
        String id = null;
        Label name = Label.NONE;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        GridRegion region = null;
        GridProvince province = null;
        if (header.isPresent()) {
            YamlMap h = header.get();
            id = id(h, "id", "the site id, e.g. lintel-garden").orElse(null);
            name = LabelReader.read(h, "name");
            Optional<String> tz = h.text("timeZone");
            if (tz.isPresent()) {
                try {
                    zone = ZoneId.of(tz.get());
                } catch (DateTimeException e) {
                    h.error("timeZone", "'" + tz.get() + "' is not a time zone; use a region id such as Asia/Shanghai");
                }
            }
            Optional<String> grid = h.text("gridRegion");
            if (grid.isPresent()) {
                region = GridRegion.of(grid.get()).orElse(null);
                if (region == null) {
                    h.error("gridRegion", "'" + grid.get() + "' is not a power grid; use one of " + GridRegion.words());
                }
            }
            Optional<String> prov = h.text("gridProvince");
            if (prov.isPresent()) {
                province = GridProvince.of(prov.get()).orElse(null);
                if (province == null) {
                    h.error("gridProvince", "'" + prov.get() + "' is not a province; use one of " + GridProvince.words());
                } else if (grid.isEmpty()) {
                    region = province.region();
                } else if (region != null && region != province.region() && province != GridProvince.INNER_MONGOLIA) {
                    h.error("gridProvince", prov.get() + " draws from the " + province.region().word() + " grid, not " + region.word()
                            + "; leave gridRegion out (it follows the province) or correct one of them");
                }
            }
            h.rejectUnknownKeys();
        }
        root.value("profiles").ifPresent(v -> v.asList().forEach(f -> f.asText().ifPresent(profileFolders::add)));
        List<Building> buildings = new ArrayList<>();
        for (YamlMap b : root.maps("buildings")) {
            building(b).ifPresent(buildings::add);
        }
        List<CommonArea> siteAreas = commonAreas(root, null);
        List<Gateway> gateways = new ArrayList<>();
        for (YamlMap g : root.maps("gateways")) {
            gateway(g).ifPresent(gateways::add);
        }
        List<Device> devices = new ArrayList<>();
        for (YamlMap d : root.maps("devices")) {
            device(d).ifPresent(devices::add);
        }
        List<AlarmRule> alarmRules = AlarmRuleReader.read(root);
        List<VirtualMeter> virtualMeters = new ArrayList<>();
        for (YamlMap v : root.maps("virtualMeters")) {
            virtualMeter(v).ifPresent(virtualMeters::add);
        }
        root.rejectUnknownKeys();
        if (id == null) {
            return Optional.empty();
        }
        return Optional.of(new Site(id, name, zone, buildings, siteAreas, gateways, derive(devices, gateways, buildings),
                alarmRules, region, province, virtualMeters, root.file().name()));
    }

    private Optional<VirtualMeter> virtualMeter(YamlMap raw) {
        Optional<String> id = raw.requiredText("id", "the virtual meter's id, e.g. b1-common-em");
        YamlMap m = raw.about("virtual meter " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        String of = m.text("of").orElse(null);
        List<String> plus = names(m, "plus");
        List<String> minus = names(m, "minus");
        EnergyCategory category = m.text("category").map(word -> EnergyCategory.of(word).orElseGet(() -> {
            m.error("category", "'" + word + "' is not a 分项 category; expected one of " + EnergyCategory.words());
            return null;
        })).orElse(null);
        m.rejectUnknownKeys();
        if (of == null && plus.isEmpty()) {
            m.error("give 'of: <upstream meter>' (it less its sub-meters) or 'plus: [meters]' with an optional 'minus: [meters]'");
            return Optional.empty();
        }
        if (of != null && (!plus.isEmpty() || !minus.isEmpty())) {
            m.error("of", "'of' already means the meter less its sub-meters; leave out plus and minus, or write them all out without 'of'");
            return Optional.empty();
        }
        return id.map(i -> new VirtualMeter(i, name, of, plus, minus, category, m.where()));
    }

    private static List<String> names(YamlMap m, String key) {
        List<String> out = new ArrayList<>();
        m.value(key).ifPresent(v -> v.asList().forEach(item -> item.asText().ifPresent(out::add)));
        return out;
    }

    /**
     * Fills what the file may leave out: a Modbus device's gateway is its bus's gateway, and a meter's location is
     * the unit it serves. A gateway that contradicts the bus is left as written, for SiteChecks to report.
     */
    private static List<Device> derive(List<Device> devices, List<Gateway> gateways, List<Building> buildings) {
        Map<String, String> busGateway = new LinkedHashMap<>();
        gateways.forEach(g -> g.buses().forEach(b -> busGateway.putIfAbsent(b.id(), g.id())));
        Map<String, PropertyUnit> units = new LinkedHashMap<>();
        buildings.forEach(b -> b.floors().forEach(f -> f.units().forEach(u -> units.putIfAbsent(u.id(), u))));
        List<Device> out = new ArrayList<>();
        for (Device d : devices) {
            if (d.gateway() == null && d.connection() instanceof Connection.Modbus m && busGateway.containsKey(m.bus())) {
                d = d.withGateway(busGateway.get(m.bus()));
            }
            if (d.location() == null && d.serves() != null && units.containsKey(d.serves().unit())) {
                PropertyUnit u = units.get(d.serves().unit());
                d = d.withLocation(new Device.Location(u.building(), u.floor(), null));
            }
            out.add(d);
        }
        return out;
    }

    private static Optional<String> id(YamlMap m, String key, String expected) {
        Optional<String> id = m.requiredText(key, expected);
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            m.error(key, "'" + id.get() + "' is not a valid id; use letters, digits, '.', '-' and '_' (no spaces)");
            return Optional.empty();
        }
        return id;
    }

    private Optional<Building> building(YamlMap raw) {
        Optional<String> id = id(raw, "id", "the building id, e.g. b1");
        YamlMap m = raw.about("building " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        List<Floor> floors = new ArrayList<>();
        for (YamlMap f : m.maps("floors")) {
            YamlMap fm = f.about(m.subject() + " floor " + f.text("level").orElse("?"));
            var level = fm.requiredWhole("level", -20, 200);
            List<PropertyUnit> units = new ArrayList<>();
            for (YamlMap u : fm.maps("units")) {
                unit(u, id.orElse(null), (int) level.orElse(0)).ifPresent(units::add);
            }
            fm.rejectUnknownKeys();
            if (level.isPresent()) {
                floors.add(new Floor((int) level.getAsLong(), units));
            }
        }
        List<CommonArea> areas = commonAreas(m, id.orElse(null));
        m.rejectUnknownKeys();
        return id.map(i -> new Building(i, name, floors, areas));
    }

    private Optional<PropertyUnit> unit(YamlMap raw, String building, int floor) {
        Optional<String> id = id(raw, "id", "the unit id, e.g. b1-0101");
        YamlMap m = raw.about("unit " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        BigDecimal area = area(m);
        m.rejectUnknownKeys();
        return id.map(i -> new PropertyUnit(i, name, area, building, floor, m.where()));
    }

    private static BigDecimal area(YamlMap m) {
        Optional<BigDecimal> area = m.decimal("area");
        if (area.isPresent() && area.get().signum() <= 0) {
            m.error("area", "the floor area in m² must be greater than zero, found " + area.get());
            return null;
        }
        return area.orElse(null);
    }

    private List<CommonArea> commonAreas(YamlMap parent, String building) {
        List<CommonArea> out = new ArrayList<>();
        for (YamlMap raw : parent.maps("commonAreas")) {
            Optional<String> id = id(raw, "id", "the common area id, e.g. b1-lobby");
            YamlMap m = raw.about("common area " + id.orElse("#" + raw.where().line()));
            Label name = LabelReader.read(m, "name");
            BigDecimal area = area(m);
            m.rejectUnknownKeys();
            id.ifPresent(i -> out.add(new CommonArea(i, name, area, building, m.where())));
        }
        return out;
    }

    private Optional<Gateway> gateway(YamlMap raw) {
        Optional<String> id = id(raw, "id", "the gateway id, e.g. gw-b1");
        YamlMap m = raw.about("gateway " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        String building = m.text("building").orElse(null);
        List<Bus> buses = new ArrayList<>();
        for (YamlMap b : m.maps("buses")) {
            bus(b, id.orElse(null)).ifPresent(buses::add);
        }
        Gateway.Uplink uplink = m.map("uplink").map(SiteReader::uplink).orElse(null);
        m.rejectUnknownKeys();
        return id.map(i -> new Gateway(i, name, building, buses, uplink, m.where()));
    }

    private static Gateway.Uplink uplink(YamlMap u) {
        Optional<String> broker = u.requiredText("broker", "the MQTT broker, e.g. tcp://hub.example.com:1883 or ssl://hub.example.com:8883"
                + " (several broker nodes comma-separated: tcp://mq1:1883,tcp://mq2:1883)");
        // several nodes of a broker cluster, or independent brokers a scaled-out hub listens on: tried in turn
        broker.ifPresent(list -> {
            String[] nodes = list.split(",", -1);
            for (String b : nodes) {
                String node = b.strip();
                if (node.isEmpty()) {
                    u.error("broker", "'" + list + "' has an empty broker node; list the nodes separated by single commas");
                } else if (!node.startsWith("tcp://") && !node.startsWith("ssl://")) {
                    u.error("broker", "'" + node + "' is not an MQTT broker URI; it starts with tcp:// or ssl://");
                }
            }
        });
        String user = u.text("username").orElse(null);
        String password = u.text("password").orElse(null);
        if (password != null && user == null) {
            u.missing("username", "the user the password belongs to");
        }
        String host = u.text("primaryHost").orElse(null);
        String ca = u.text("caFile").orElse(null);
        if (ca != null && broker.isPresent() && !broker.get().contains("ssl://")) {
            u.error("caFile", "a CA file is for ssl:// brokers; this broker is plain tcp://");
        }
        long mb = u.whole("bufferMegabytes", 1, 1_000_000).orElse(512);
        Duration every = u.duration("reportEvery").orElse(Gateway.Uplink.DEFAULT_REPORT_EVERY);
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofDays(1)) > 0) {
            u.error("reportEvery", "must be from 1s to 1d: an unchanged value is re-sent this often (default 5m)");
            every = Gateway.Uplink.DEFAULT_REPORT_EVERY;
        }
        u.rejectUnknownKeys();
        Duration reportEvery = every;
        return broker.map(b -> new Gateway.Uplink(b, user, password, host, ca, mb, reportEvery)).orElse(null);
    }

    private Optional<Bus> bus(YamlMap raw, String gateway) {
        Optional<String> id = id(raw, "id", "the bus id, e.g. b1-rs485-1");
        YamlMap m = raw.about("bus " + id.orElse("#" + raw.where().line()));
        Duration timeout = m.duration("timeout").orElse(Duration.ofSeconds(1));
        int retries = (int) m.whole("retries", 0, 10).orElse(1);
        List<String> kinds = List.of("modbusTcp", "rtu", "rtuOverTcp");
        List<String> given = kinds.stream().filter(m::has).toList();
        Bus.Transport transport = null;
        if (given.size() != 1) {
            m.error((given.isEmpty() ? "" : "fields " + String.join(", ", given) + ": ")
                    + "give exactly one transport: modbusTcp {host, port}, rtu {port, baud, parity} or rtuOverTcp {host, port, baud}");
            kinds.forEach(m::value);
        } else {
            YamlMap t = m.map(given.get(0)).orElse(null);
            if (t != null) {
                transport = switch (given.get(0)) {
                    case "modbusTcp" -> new Bus.ModbusTcp(host(t), port(t, 502));
                    case "rtu" -> new Bus.RtuSerial(t.requiredText("port", "the serial port, e.g. /dev/ttyUSB0").orElse(null),
                            baud(t), t.choice("parity", PARITY).orElse(Bus.Parity.NONE),
                            (int) t.whole("dataBits", 7, 8).orElse(8), (int) t.whole("stopBits", 1, 2).orElse(1));
                    default -> new Bus.RtuOverTcp(host(t), port(t, -1), baud(t), t.choice("parity", PARITY).orElse(Bus.Parity.NONE));
                };
                t.rejectUnknownKeys();
            }
        }
        m.rejectUnknownKeys();
        if (id.isEmpty() || transport == null) {
            return Optional.empty();
        }
        return Optional.of(new Bus(id.get(), gateway, transport, timeout, retries, m.where()));
    }

    private static String host(YamlMap t) {
        return t.requiredText("host", "the host name or IP address").orElse(null);
    }

    private static int port(YamlMap t, int dflt) {
        if (dflt < 0) {
            return (int) t.requiredWhole("port", 1, 65535).orElse(0);
        }
        return (int) t.whole("port", 1, 65535).orElse(dflt);
    }

    private static int baud(YamlMap t) {
        var baud = t.requiredWhole("baud", 300, 921600);
        if (baud.isPresent() && !BAUD_RATES.contains((int) baud.getAsLong())) {
            t.warning("baud", baud.getAsLong() + " is not a usual Modbus baud rate (1200 … 115200)");
        }
        return (int) baud.orElse(9600);
    }

    private Optional<Device> device(YamlMap raw) {
        Optional<String> id = id(raw, "id", "the device id, e.g. b1-0101-em");
        YamlMap m = raw.about("device " + id.orElse("#" + raw.where().line()));
        Label name = LabelReader.read(m, "name");
        Optional<String> profile = m.requiredText("profile", "the id of the device's profile, e.g. eastron-sdm120");
        String gateway = m.text("gateway").orElse(null);
        Connection connection = connection(m);
        Device.Location location = m.map("location").map(l -> {
            var floor = l.whole("floor", -20, 200);
            Device.Location loc = new Device.Location(l.text("building").orElse(null),
                    floor.isPresent() ? Integer.valueOf((int) floor.getAsLong()) : null, l.text("description").orElse(null));
            l.rejectUnknownKeys();
            return loc;
        }).orElse(null);
        Device.Serves serves = m.map("serves").map(s -> {
            String unit = s.text("unit").orElse(null);
            String area = s.text("commonArea").orElse(null);
            String building = s.text("building").orElse(null);
            s.rejectUnknownKeys();
            int given = (unit == null ? 0 : 1) + (area == null ? 0 : 1) + (building == null ? 0 : 1);
            if (given != 1) {
                m.error("serves", "give exactly one of 'unit', 'commonArea' or 'building' (for a building's master meter)");
                return null;
            }
            return new Device.Serves(unit, area, building);
        }).orElse(null);
        Device.Metering metering = m.map("meter").map(mt -> {
            String upstream = mt.text("submeterOf").orElse(null);
            EnergyCategory category = mt.text("category").map(word -> EnergyCategory.of(word).orElseGet(() -> {
                mt.error("category", "'" + word + "' is not a 分项 category; expected one of " + EnergyCategory.words()
                        + Suggestions.didYouMean(word, java.util.Arrays.stream(EnergyCategory.values()).map(EnergyCategory::word).toList()));
                return null;
            })).orElse(null);
            mt.rejectUnknownKeys();
            return new Device.Metering(upstream, category);
        }).orElse(null);
        Map<String, Duration> overrides = new LinkedHashMap<>();
        m.map("pollGroups").ifPresent(p -> {
            for (Map.Entry<String, YamlValue> e : p.entries()) {
                e.getValue().asDuration().ifPresent(d -> overrides.put(e.getKey(), d));
            }
        });
        m.rejectUnknownKeys();
        if (id.isEmpty() || profile.isEmpty() || connection == null) {
            return Optional.empty();
        }
        return Optional.of(new Device(id.get(), name, profile.get(), gateway, connection, location, serves, metering, overrides, m.where()));
    }

    private Connection connection(YamlMap m) {
        List<String> kinds = List.of("modbus", "opcua", "coap");
        List<String> given = kinds.stream().filter(m::has).toList();
        if (given.size() != 1) {
            m.error((given.isEmpty() ? "" : "fields " + String.join(", ", given) + ": ")
                    + "give exactly one connection: modbus {bus, unitId}, opcua {endpoint, …} or coap {uri, …}");
            kinds.forEach(m::value);
            return null;
        }
        YamlMap c = m.map(given.get(0)).orElse(null);
        if (c == null) {
            return null;
        }
        Connection out;
        switch (given.get(0)) {
            case "modbus" -> {
                String bus = c.requiredText("bus", "the id of the bus the device is wired to").orElse(null);
                int unit = (int) c.requiredWhole("unitId", 1, 247).orElse(0);
                out = bus == null || unit == 0 ? null : new Connection.Modbus(bus, unit);
            }
            case "opcua" -> out = opcua(c);
            default -> out = coap(c);
        }
        c.rejectUnknownKeys();
        return out;
    }

    private static Connection.OpcUa opcua(YamlMap c) {
        Optional<String> endpoint = c.requiredText("endpoint", "the server's endpoint URL, e.g. opc.tcp://10.0.0.5:4840");
        endpoint.filter(e -> !e.startsWith("opc.tcp://")).ifPresent(e ->
                c.error("endpoint", "'" + e + "' is not an OPC UA endpoint; it starts with opc.tcp://"));
        String policy = c.value("securityPolicy").flatMap(v -> v.asChoice(words(SECURITY_POLICIES))).orElse("None");
        Connection.SecurityMode mode = c.choice("securityMode", MODES)
                .orElse(policy.equals("None") ? Connection.SecurityMode.NONE : Connection.SecurityMode.SIGN_AND_ENCRYPT);
        if (policy.equals("None") != (mode == Connection.SecurityMode.NONE)) {
            c.error("securityMode", "security policy " + policy + " goes with mode "
                    + (policy.equals("None") ? "none" : "sign or sign-and-encrypt") + ", not " + Words.word(mode));
        }
        String user = c.text("username").orElse(null);
        String password = c.text("password").orElse(null);
        String certificate = c.text("certificate").orElse(null);
        if (user != null && password == null) {
            c.missing("password", "the password for user " + user + " (write ${ENV_VAR} to keep it out of the file)");
        }
        if (password != null && user == null) {
            c.missing("username", "the user the password belongs to");
        }
        if (user != null && certificate != null) {
            c.error("certificate", "choose one login: username and password, or certificate");
        }
        String root = c.text("root").orElse(null);
        return endpoint.map(e -> new Connection.OpcUa(e, policy, mode, user, password, certificate, root)).orElse(null);
    }

    private static Connection.Coap coap(YamlMap c) {
        Optional<String> uri = c.requiredText("uri", "the device's base URI, e.g. coap://10.0.1.7:5683");
        String identity = c.text("pskIdentity").orElse(null);
        String key = c.text("pskKey").orElse(null);
        if (uri.isEmpty()) {
            return null;
        }
        String u = uri.get();
        if (!u.startsWith("coap://") && !u.startsWith("coaps://")) {
            c.error("uri", "'" + u + "' is not a CoAP URI; it starts with coap:// or coaps:// (DTLS)");
            return null;
        }
        if (u.startsWith("coaps://") && (identity == null || key == null)) {
            c.missing(identity == null ? "pskIdentity" : "pskKey", "a DTLS pre-shared key (pskIdentity and pskKey) for coaps://");
        }
        if (u.startsWith("coap://") && (identity != null || key != null)) {
            c.error(identity != null ? "pskIdentity" : "pskKey", "a pre-shared key needs DTLS; use a coaps:// URI");
        }
        return new Connection.Coap(u, identity, key);
    }

    private static Map<String, String> words(List<String> list) {
        Map<String, String> m = new LinkedHashMap<>();
        list.forEach(w -> m.put(w, w));
        return m;
    }
}
