package org.lintel.hub.oncall;

import org.lintel.hub.notify.AlarmNotifier;
import org.lintel.hub.notify.EmailNotifier;
import org.lintel.hub.notify.SmsNotifier;
import org.lintel.hub.notify.WebhookNotifier;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lintel.check.InvalidConfigurationException;
import org.lintel.check.Problems;
import org.lintel.yaml.YamlFile;
import org.lintel.yaml.YamlMap;
import org.lintel.yaml.YamlValue;

/**
 * Reads an escalation file ({@code --escalation FILE}) with the same positioned messages as site files:
 *
 * <pre>
 * minimumPriority: major        # escalate alarms of this priority and more urgent
 * reminderEvery: 10m
 * channels:
 *   on-call: {webhook: "http://duty-phone.local/alarms"}
 *   manager: {webhook: "http://manager.local/alarms"}
 * steps:
 *   - {after: 0m, notify: [on-call]}
 *   - {after: 5m, notify: [manager]}
 * </pre>
 */
public final class EscalationFile {

    private static final Map<String, String> PRIORITIES = Map.of("life-safety", "life-safety", "critical", "critical", "major", "major",
            "minor", "minor", "warning", "warning");

    private EscalationFile() {
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        } catch (IllegalArgumentException bad) {
            return false;
        }
    }

    /** {@code sms: {url: "http://sms/send?to={phone}&msg={text}", phone: "138..."}} with an optional POST body. */
    private static void sms(String name, YamlMap sms, ZoneId zone, java.util.function.LongFunction<String> link,
                            Map<String, AlarmNotifier> channels) {
        String url = sms.requiredText("url", "the provider's URL, with {phone} and {text} where they go").orElse(null);
        String phone = sms.requiredText("phone", "the phone number to send to").orElse(null);
        String body = sms.text("body").orElse(null);
        String type = sms.text("contentType").orElse(null);
        sms.rejectUnknownKeys();
        if (url == null || phone == null) {
            return;
        }
        if (!httpUrl(url.replace("{phone}", "p").replace("{text}", "t"))) {
            sms.error("url", "'" + url + "' is not an http(s) URL");
            return;
        }
        if (!url.contains("{text}") && (body == null || !body.contains("{text}"))) {
            sms.error("url", "neither the URL nor the body has {text}, so the message would not be sent");
            return;
        }
        channels.put(name, new SmsNotifier(url, body, type, phone, zone, link));
    }

    /** {@code email: {smtp: "mail.example.com:587", startTls: true, user: ..., password: "${SMTP_PASSWORD}", from: ..., to: ...}}. */
    private static void email(String name, YamlMap mail, ZoneId zone, java.util.function.LongFunction<String> link,
                              Map<String, AlarmNotifier> channels) {
        String smtp = mail.requiredText("smtp", "the SMTP server as host:port, e.g. mail.example.com:587").orElse(null);
        String from = mail.requiredText("from", "the sender address").orElse(null);
        String to = mail.requiredText("to", "the recipient address(es), comma-separated").orElse(null);
        boolean startTls = mail.flag("startTls").orElse(false);
        String user = mail.text("user").orElse(null);
        String password = mail.text("password").flatMap(pw -> org.lintel.site.Secrets.fromEnvironment().resolve(pw)).orElse(null);
        mail.rejectUnknownKeys();
        if (smtp == null || from == null || to == null) {
            return;
        }
        int colon = smtp.lastIndexOf(':');
        int port = 25;
        String host = smtp;
        if (colon > 0) {
            host = smtp.substring(0, colon);
            try {
                port = Integer.parseInt(smtp.substring(colon + 1));
            } catch (NumberFormatException bad) {
                mail.error("smtp", "'" + smtp + "': the port after ':' must be a number");
                return;
            }
        }
        channels.put(name, new EmailNotifier(host, port, startTls, user, password, from, to, zone, link));
    }

    /** What an escalation file sets up: the routes in order, and the channels, people and rosters they name. */
    public record Plan(List<Escalator.Route> routes, Map<String, AlarmNotifier> channels, Map<String, Escalator.Person> people,
                       Map<String, Roster> rosters) {

        /** The escalator for this plan. */
        public Escalator escalator(java.util.function.BiFunction<String, String, String> buildingOf, EscalationStore store, Clock clock) {
            return new Escalator(routes, channels, people, rosters, buildingOf, store, clock);
        }
    }

    /** Reads the file with one route for everything (the simple form) and no acknowledgement links. */
    public static Escalator read(Path file, Clock clock) {
        return plan(file, null).escalator((s, d) -> null, EscalationStore.NONE, clock);
    }

    /**
     * Reads an escalation file; {@code links} (may be null) puts signed acknowledgement links into the messages of
     * people and channels.
     */
    public static Plan plan(Path file, AckLinks links) {
        Problems problems = new Problems();
        YamlMap root = YamlFile.read(file, file.toString(), problems).orElseThrow(() -> new InvalidConfigurationException(problems));
        ZoneId zone = root.text("timeZone").map(z -> zone(root, "timeZone", z)).orElse(ZoneId.of("Asia/Shanghai"));
        ZoneId zoneOrDefault = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        boolean routed = root.has("routes");
        Map<String, AlarmNotifier> channels = new LinkedHashMap<>();
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        java.util.Optional<YamlMap> channelMap = routed ? root.map("channels")
                : root.requiredMap("channels", "the channels the steps notify, e.g. on-call: {webhook: \"http://...\"}");
        channelMap.ifPresent(m -> {
            for (Map.Entry<String, YamlValue> e : m.entries()) {
                named.add(e.getKey());
                e.getValue().asMap().ifPresent(ch -> channel(e.getKey(), ch, zoneOrDefault, links == null ? null : id -> links.link(id, e.getKey()),
                        channels));
            }
        });
        Map<String, Escalator.Person> people = people(root, zoneOrDefault, links);
        Map<String, Roster> rosters = rosters(root, zoneOrDefault, people.keySet());
        java.util.Set<String> targets = new java.util.LinkedHashSet<>(named);
        people.keySet().forEach(p -> targets.add("person:" + p));
        rosters.keySet().forEach(r -> targets.add("roster:" + r));
        List<Escalator.Route> routes = new ArrayList<>();
        if (routed) {
            for (YamlMap r : root.maps("routes")) {
                route(r, r.text("name").orElse("route-" + (routes.size() + 1)), targets).ifPresent(routes::add);
            }
        } else {
            route(root, "default", targets).ifPresent(routes::add);
        }
        root.rejectUnknownKeys();
        if (problems.hasErrors()) {
            throw new InvalidConfigurationException(problems);
        }
        return new Plan(routes, channels, people, rosters);
    }

    private static ZoneId zone(YamlMap m, String key, String z) {
        try {
            return ZoneId.of(z);
        } catch (java.time.DateTimeException bad) {
            m.error(key, "'" + z + "' is not a time zone such as Asia/Shanghai");
            return null;
        }
    }

    private static void channel(String name, YamlMap ch, ZoneId zone, java.util.function.LongFunction<String> link, Map<String, AlarmNotifier> channels) {
        if (ch.has("sms")) {
            ch.map("sms").ifPresent(sms -> sms(name, sms, zone, link, channels));
        } else if (ch.has("email")) {
            ch.map("email").ifPresent(mail -> email(name, mail, zone, link, channels));
        } else {
            ch.requiredText("webhook", "the URL that receives the alarm as JSON (or an sms: or email: setting)").ifPresent(url -> {
                if (httpUrl(url)) {
                    channels.put(name, new WebhookNotifier(URI.create(url), link));
                } else {
                    ch.error("webhook", "'" + url + "' is not an http(s) URL");
                }
            });
        }
        ch.rejectUnknownKeys();
    }

    /**
     * {@code people: {zhang-wei: {name: 张伟, phone: "138…", email: "…", webhook: "…"}}}; phone and e-mail go through
     * {@code transports: {sms: {url, body, contentType}, email: {smtp, from, …}}}.
     */
    private static Map<String, Escalator.Person> people(YamlMap root, ZoneId zone, AckLinks links) {
        Map<String, Escalator.Person> people = new LinkedHashMap<>();
        java.util.Optional<YamlMap> transports = root.map("transports");
        java.util.Optional<YamlMap> smsT = transports.flatMap(t -> t.map("sms"));
        java.util.Optional<YamlMap> mailT = transports.flatMap(t -> t.map("email"));
        transports.ifPresent(YamlMap::rejectUnknownKeys);
        root.map("people").ifPresent(m -> {
            for (Map.Entry<String, YamlValue> e : m.entries()) {
                String id = e.getKey();
                e.getValue().asMap().ifPresent(p -> {
                    String name = p.text("name").orElse(id);
                    java.util.function.LongFunction<String> link = links == null ? null : alarm -> links.link(alarm, id);
                    Map<String, AlarmNotifier> contacts = new LinkedHashMap<>();
                    p.text("phone").ifPresent(phone -> {
                        if (smsT.isEmpty()) {
                            p.error("phone", "a phone number needs transports.sms (the SMS provider's URL template)");
                        } else {
                            YamlMap t = smsT.get();
                            t.text("url").ifPresent(url -> contacts.put("sms", new SmsNotifier(url, t.text("body").orElse(null),
                                    t.text("contentType").orElse(null), phone, zone, link)));
                        }
                    });
                    p.text("email").ifPresent(address -> {
                        if (mailT.isEmpty()) {
                            p.error("email", "an e-mail address needs transports.email (the SMTP server)");
                        } else {
                            contacts.put("email", mailer(mailT.get(), address, zone, link));
                        }
                    });
                    p.text("webhook").ifPresent(url -> {
                        if (httpUrl(url)) {
                            contacts.put("webhook", new WebhookNotifier(URI.create(url), link));
                        } else {
                            p.error("webhook", "'" + url + "' is not an http(s) URL");
                        }
                    });
                    if (contacts.isEmpty() && !p.has("phone") && !p.has("email") && !p.has("webhook")) {
                        p.error("give at least one of phone, email, webhook: how to reach " + name);
                    }
                    p.rejectUnknownKeys();
                    people.put(id, new Escalator.Person(id, name, List.copyOf(contacts.values())));
                });
            }
        });
        smsT.ifPresent(t -> {
            t.text("url");
            t.text("body");
            t.text("contentType");
            t.rejectUnknownKeys();
        });
        return people;
    }

    private static AlarmNotifier mailer(YamlMap t, String to, ZoneId zone, java.util.function.LongFunction<String> link) {
        String smtp = t.text("smtp").orElse("localhost:25");
        int colon = smtp.lastIndexOf(':');
        String host = colon > 0 ? smtp.substring(0, colon) : smtp;
        int port = 25;
        if (colon > 0) {
            try {
                port = Integer.parseInt(smtp.substring(colon + 1));
            } catch (NumberFormatException bad) {
                t.error("smtp", "'" + smtp + "': the port after ':' must be a number");
            }
        }
        String password = t.text("password").flatMap(pw -> org.lintel.site.Secrets.fromEnvironment().resolve(pw)).orElse(null);
        return new EmailNotifier(host, port, t.flag("startTls").orElse(false), t.text("user").orElse(null), password,
                t.text("from").orElse("lintel@localhost"), to, zone, link);
    }

    /** {@code rosters: {b1-duty: {rotation: [a, b], shift: 1d, handover: "08:00", startsOn: 2026-11-01, overrides: [...]}}}. */
    private static Map<String, Roster> rosters(YamlMap root, ZoneId zone, java.util.Set<String> people) {
        Map<String, Roster> out = new LinkedHashMap<>();
        root.map("rosters").ifPresent(m -> {
            for (Map.Entry<String, YamlValue> e : m.entries()) {
                e.getValue().asMap().ifPresent(r -> roster(e.getKey(), r, zone, people).ifPresent(x -> out.put(e.getKey(), x)));
            }
        });
        return out;
    }

    private static java.util.Optional<Roster> roster(String name, YamlMap r, ZoneId fileZone, java.util.Set<String> people) {
        ZoneId zone = r.text("timeZone").map(z -> zone(r, "timeZone", z)).orElse(fileZone);
        List<String> rotation = new ArrayList<>();
        r.value("rotation").ifPresentOrElse(v -> v.asList().forEach(item -> item.asText().ifPresent(p -> {
            if (!people.contains(p)) {
                item.error("no person '" + p + "' under people" + org.lintel.check.Suggestions.didYouMean(p, people));
            }
            rotation.add(p);
        })), () -> r.missing("rotation", "the people who take turns, e.g. [zhang-wei, li-na]"));
        Duration shift = r.duration("shift").orElse(Duration.ofDays(1));
        java.time.LocalTime handover = r.text("handover").map(t -> {
            try {
                return java.time.LocalTime.parse(t);
            } catch (java.time.format.DateTimeParseException bad) {
                r.error("handover", "'" + t + "' is not a time of day; write it as 08:00");
                return null;
            }
        }).orElse(java.time.LocalTime.of(8, 0));
        java.time.LocalDate startsOn = r.text("startsOn").map(t -> {
            try {
                return java.time.LocalDate.parse(t);
            } catch (java.time.format.DateTimeParseException bad) {
                r.error("startsOn", "'" + t + "' is not a date; write it as 2026-11-01");
                return null;
            }
        }).orElse(java.time.LocalDate.of(2026, 1, 1));
        List<Roster.Override> overrides = new ArrayList<>();
        for (YamlMap o : r.maps("overrides")) {
            String person = o.requiredText("person", "who is on call instead").orElse(null);
            if (person != null && !people.contains(person)) {
                o.error("person", "no person '" + person + "' under people" + org.lintel.check.Suggestions.didYouMean(person, people));
            }
            java.time.LocalDateTime from = localTime(o, "from");
            java.time.LocalDateTime to = localTime(o, "to");
            if (from != null && to != null && !to.isAfter(from)) {
                o.error("to", "the override ends (" + to + ") before it starts (" + from + ")");
            }
            o.rejectUnknownKeys();
            if (person != null && from != null && to != null) {
                overrides.add(new Roster.Override(person, from, to));
            }
        }
        r.rejectUnknownKeys();
        if (rotation.isEmpty() || handover == null || startsOn == null || zone == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Roster(name, zone, rotation, shift, handover, startsOn, overrides));
    }

    private static java.time.LocalDateTime localTime(YamlMap o, String key) {
        return o.requiredText(key, "a local date and time, e.g. 2026-11-22 08:00").map(t -> {
            try {
                return java.time.LocalDateTime.parse(t.trim().replace(' ', 'T'));
            } catch (java.time.format.DateTimeParseException bad) {
                o.error(key, "'" + t + "' is not a local date and time; write it as 2026-11-22 08:00");
                return null;
            }
        }).orElse(null);
    }

    private static java.util.Optional<Escalator.Route> route(YamlMap r, String name, java.util.Set<String> targets) {
        r.text("name");
        String site = null;
        String building = null;
        java.util.Optional<YamlMap> match = r.map("match");
        if (match.isPresent()) {
            site = match.get().text("site").orElse(null);
            building = match.get().text("building").orElse(null);
            match.get().rejectUnknownKeys();
        }
        String minimum = r.choice("minimumPriority", PRIORITIES).orElse("warning");
        Duration reminder = r.duration("reminderEvery").orElse(null);
        Escalator.Flood flood = r.map("flood").map(f -> {
            Escalator.Flood d = Escalator.Flood.DEFAULT;
            Escalator.Flood x = new Escalator.Flood((int) f.whole("limit", 1, 10_000).orElse(d.limit()), f.duration("window").orElse(d.window()),
                    f.duration("digestEvery").orElse(d.digestEvery()));
            f.rejectUnknownKeys();
            return x;
        }).orElse(Escalator.Flood.DEFAULT);
        List<EscalationPolicy.Step> steps = new ArrayList<>();
        for (YamlMap s : r.maps("steps")) {
            // "0m" means at once; the shared duration reader insists on positive durations
            Duration after = s.text("after").filter(t -> t.matches("0+[a-z]*")).isPresent() ? Duration.ZERO : s.duration("after").orElse(Duration.ZERO);
            List<String> notify = new ArrayList<>();
            s.value("notify").ifPresentOrElse(v -> {
                for (YamlValue item : v.asList()) {
                    item.asText().ifPresent(target -> {
                        if (!targets.contains(target)) {
                            item.error("no channel '" + target + "'" + org.lintel.check.Suggestions.didYouMean(target, targets) + "; known: "
                                    + String.join(", ", targets));
                        }
                        notify.add(target);
                    });
                }
            }, () -> s.missing("notify", "whom this step notifies: channels, person:ID or roster:NAME, e.g. [roster:b1-duty]"));
            s.rejectUnknownKeys();
            steps.add(new EscalationPolicy.Step(after, notify));
        }
        if (steps.isEmpty()) {
            r.missing("steps", "at least one step, e.g. - {after: 0m, notify: [on-call]}");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Escalator.Route(name, site, building, new EscalationPolicy(steps, reminder, minimum), flood));
    }
}
