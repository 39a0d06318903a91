package org.lintel.hub.alarm;

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
    private static void sms(String name, YamlMap sms, ZoneId zone, Map<String, AlarmNotifier> channels) {
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
        channels.put(name, new SmsNotifier(url, body, type, phone, zone));
    }

    /** {@code email: {smtp: "mail.example.com:587", startTls: true, user: ..., password: "${SMTP_PASSWORD}", from: ..., to: ...}}. */
    private static void email(String name, YamlMap mail, ZoneId zone, Map<String, AlarmNotifier> channels) {
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
        channels.put(name, new EmailNotifier(host, port, startTls, user, password, from, to, zone));
    }

    public static Escalator read(Path file, Clock clock) {
        Problems problems = new Problems();
        YamlMap root = YamlFile.read(file, file.toString(), problems).orElseThrow(() -> new InvalidConfigurationException(problems));
        String minimum = root.choice("minimumPriority", PRIORITIES).orElse("warning");
        Duration reminder = root.duration("reminderEvery").orElse(null);
        ZoneId zone = root.text("timeZone").map(z -> {
            try {
                return ZoneId.of(z);
            } catch (java.time.DateTimeException bad) {
                root.error("timeZone", "'" + z + "' is not a time zone such as Asia/Shanghai");
                return null;
            }
        }).orElse(ZoneId.of("Asia/Shanghai"));
        ZoneId zoneOrDefault = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        Map<String, AlarmNotifier> channels = new LinkedHashMap<>();
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        root.requiredMap("channels", "the channels the steps notify, e.g. on-call: {webhook: \"http://...\"}").ifPresent(m -> {
            for (Map.Entry<String, YamlValue> e : m.entries()) {
                named.add(e.getKey());
                e.getValue().asMap().ifPresent(ch -> {
                    if (ch.has("sms")) {
                        ch.map("sms").ifPresent(sms -> sms(e.getKey(), sms, zoneOrDefault, channels));
                    } else if (ch.has("email")) {
                        ch.map("email").ifPresent(mail -> email(e.getKey(), mail, zoneOrDefault, channels));
                    } else {
                        ch.requiredText("webhook", "the URL that receives the alarm as JSON (or an sms: template)").ifPresent(url -> {
                            if (httpUrl(url)) {
                                channels.put(e.getKey(), new WebhookNotifier(URI.create(url)));
                            } else {
                                ch.error("webhook", "'" + url + "' is not an http(s) URL");
                            }
                        });
                    }
                    ch.rejectUnknownKeys();
                });
            }
        });
        List<EscalationPolicy.Step> steps = new ArrayList<>();
        for (YamlMap s : root.maps("steps")) {
            // "0m" means at once; the shared duration reader insists on positive durations
            Duration after = s.text("after").filter(t -> t.matches("0+[a-z]*")).isPresent() ? Duration.ZERO : s.duration("after").orElse(Duration.ZERO);
            List<String> notify = new ArrayList<>();
            s.value("notify").ifPresentOrElse(v -> {
                for (YamlValue item : v.asList()) {
                    item.asText().ifPresent(name -> {
                        if (!named.contains(name) && root.has("channels")) {
                            item.error("no channel '" + name + "'; channels: " + String.join(", ", named));
                        }
                        notify.add(name);
                    });
                }
            }, () -> s.missing("notify", "the channels this step notifies, e.g. [on-call]"));
            s.rejectUnknownKeys();
            steps.add(new EscalationPolicy.Step(after, notify));
        }
        if (steps.isEmpty()) {
            root.missing("steps", "at least one step, e.g. - {after: 0m, notify: [on-call]}");
        }
        root.rejectUnknownKeys();
        if (problems.hasErrors()) {
            throw new InvalidConfigurationException(problems);
        }
        return new Escalator(new EscalationPolicy(steps, reminder, minimum), channels, clock);
    }
}
