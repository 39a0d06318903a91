package org.lintel.hub.maintenance;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A site's maintenance rules: which alarm kinds open a work order, the SLA of each priority, which team looks after
 * which building, and how orders reach technicians: assigned by a supervisor ({@code assign}), shown to the
 * building's team ({@code team}), or taken by the first technician who grabs one ({@code grab}, 抢单).
 */
public record MaintenanceSettings(Set<String> alarmTypes, Map<Priority, SlaTarget> sla, Map<String, String> buildingTeams,
                                  Map<String, List<String>> teams, String dispatch) {

    public static final List<String> DISPATCH = List.of("assign", "team", "grab");

    /**
     * The lift, fire and pump faults a technician must go to. The SLA defaults follow practice: a trapped passenger is
     * reached within 30 minutes (local rules for cities) and repairs are handled within 2 hours on average in the
     * industry's targets; each is configurable per site.
     */
    public static final MaintenanceSettings DEFAULT = new MaintenanceSettings(
            new LinkedHashSet<>(List.of("passenger-trapped", "lift-fault", "door-fault", "out-of-service", "detector-fault", "tamper", "low-battery")),
            defaultSla(), Map.of(), Map.of(), "assign");

    public MaintenanceSettings {
        alarmTypes = Set.copyOf(alarmTypes);
        sla = Map.copyOf(sla);
        buildingTeams = Map.copyOf(buildingTeams);
        teams = Map.copyOf(teams);
    }

    private static Map<Priority, SlaTarget> defaultSla() {
        Map<Priority, SlaTarget> m = new EnumMap<>(Priority.class);
        m.put(Priority.IMMEDIATE, new SlaTarget(Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofMinutes(10)));
        m.put(Priority.HIGH, new SlaTarget(Duration.ofHours(2), Duration.ofHours(24), Duration.ofMinutes(30)));
        m.put(Priority.MEDIUM, new SlaTarget(Duration.ofHours(24), Duration.ofHours(72), Duration.ofHours(4)));
        m.put(Priority.LOW, new SlaTarget(Duration.ofHours(72), Duration.ofDays(14), Duration.ofHours(12)));
        return m;
    }

    public SlaTarget target(Priority p) {
        return sla.getOrDefault(p, DEFAULT.sla.get(p));
    }

    public String teamOf(String building) {
        return building == null ? null : buildingTeams.get(building);
    }

    /** Reads settings as sent in a request; what is left out keeps its default; errors name the field. */
    @SuppressWarnings("unchecked")
    public static MaintenanceSettings fromJson(Map<String, Object> body) {
        Set<String> types = DEFAULT.alarmTypes;
        if (body.get("alarmTypes") != null) {
            if (!(body.get("alarmTypes") instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String s) || s.isBlank())) {
                throw MaintenanceException.invalid("alarmTypes", "alarmTypes must be a list of alarm types, e.g. [\"passenger-trapped\", \"lift-fault\"]");
            }
            types = new LinkedHashSet<>((List<String>) l);
        }
        Map<Priority, SlaTarget> sla = new EnumMap<>(DEFAULT.sla);
        if (body.get("sla") != null) {
            if (!(body.get("sla") instanceof Map<?, ?> m)) {
                throw MaintenanceException.invalid("sla", "sla must be an object by priority, e.g. {\"immediate\": {\"respond\": \"PT30M\", \"resolve\": \"PT2H\"}}");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                Priority p = Priority.of(key).orElseThrow(() -> MaintenanceException.invalid("sla." + key,
                        "sla." + key + " is not a priority; priorities: immediate, high, medium, low"));
                if (!(e.getValue() instanceof Map<?, ?> t)) {
                    throw MaintenanceException.invalid("sla." + key, "sla." + key + " must be an object with respond, resolve and warnBefore");
                }
                SlaTarget d = DEFAULT.sla.get(p);
                Duration respond = duration(t.get("respond"), "sla." + key + ".respond", d.respond());
                Duration resolve = duration(t.get("resolve"), "sla." + key + ".resolve", d.resolve());
                Duration warn = duration(t.get("warnBefore"), "sla." + key + ".warnBefore", d.warnBefore());
                if (resolve.compareTo(respond) < 0) {
                    throw MaintenanceException.invalid("sla." + key + ".resolve", "sla." + key + ".resolve (" + resolve + ") must not be shorter than respond (" + respond + ")");
                }
                if (warn.compareTo(respond) >= 0) {
                    throw MaintenanceException.invalid("sla." + key + ".warnBefore", "sla." + key + ".warnBefore (" + warn + ") must be shorter than respond (" + respond + ")");
                }
                sla.put(p, new SlaTarget(respond, resolve, warn));
            }
        }
        Map<String, String> buildingTeams = new LinkedHashMap<>();
        if (body.get("buildingTeams") != null) {
            if (!(body.get("buildingTeams") instanceof Map<?, ?> m) || m.values().stream().anyMatch(v -> !(v instanceof String))) {
                throw MaintenanceException.invalid("buildingTeams", "buildingTeams must map a building id to a team name, e.g. {\"b1\": \"east\"}");
            }
            m.forEach((k, v) -> buildingTeams.put(String.valueOf(k), (String) v));
        }
        Map<String, List<String>> teams = new LinkedHashMap<>();
        if (body.get("teams") != null) {
            if (!(body.get("teams") instanceof Map<?, ?> m)) {
                throw MaintenanceException.invalid("teams", "teams must map a team name to its technicians' account names, e.g. {\"east\": [\"wang\"]}");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
                    throw MaintenanceException.invalid("teams." + e.getKey(), "teams." + e.getKey() + " must be a list of account names");
                }
                teams.put(String.valueOf(e.getKey()), new ArrayList<>((List<String>) l));
            }
        }
        buildingTeams.forEach((b, t) -> {
            if (!teams.containsKey(t)) {
                throw MaintenanceException.invalid("buildingTeams." + b, "buildingTeams." + b + " names team '" + t + "', which teams does not define; teams: " + teams.keySet());
            }
        });
        String dispatch = body.get("dispatch") == null ? "assign" : String.valueOf(body.get("dispatch"));
        if (!DISPATCH.contains(dispatch)) {
            throw MaintenanceException.invalid("dispatch", "dispatch must be one of " + DISPATCH + ", not '" + dispatch + "'");
        }
        return new MaintenanceSettings(types, sla, buildingTeams, teams, dispatch);
    }

    private static Duration duration(Object v, String field, Duration dflt) {
        if (v == null) {
            return dflt;
        }
        try {
            Duration d = Duration.parse(String.valueOf(v));
            if (d.isNegative() || d.isZero()) {
                throw MaintenanceException.invalid(field, field + " must be longer than zero, e.g. PT30M");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw MaintenanceException.invalid(field, field + " must be an ISO-8601 duration such as PT30M or P3D, not '" + v + "'");
        }
    }

    /** As the API shows it and the store keeps it. */
    public Map<String, Object> toJson() {
        Map<String, Object> sl = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            SlaTarget t = target(p);
            sl.put(p.id(), Map.of("respond", t.respond().toString(), "resolve", t.resolve().toString(), "warnBefore", t.warnBefore().toString()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alarmTypes", alarmTypes.stream().sorted().toList());
        m.put("sla", sl);
        m.put("buildingTeams", buildingTeams);
        m.put("teams", teams);
        m.put("dispatch", dispatch);
        return m;
    }
}
