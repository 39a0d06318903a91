package org.lintel.hub.notify;

import org.lintel.hub.alarm.Alarm;
import org.lintel.hub.alarm.AlarmState;
import org.lintel.hub.alarm.Transition;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneId;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail over SMTP (Jakarta Mail): subject is the bilingual alarm text, body adds the details. Sent on a background
 * thread with three retries, so that a slow mail server never holds up the alarm engine.
 */
public final class EmailNotifier implements AlarmNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(EmailNotifier.class);

    private final Session session;
    private final String from;
    private final String to;
    private final ZoneId zone;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alarm-email");
        t.setDaemon(true);
        return t;
    });

    private final java.util.function.LongFunction<String> ackLink;

    public EmailNotifier(String host, int port, boolean startTls, String user, String password, String from, String to, ZoneId zone) {
        this(host, port, startTls, user, password, from, to, zone, null);
    }

    /** {@code ackLink}: the recipient's signed acknowledgement link for an alarm id, or null for none. */
    public EmailNotifier(String host, int port, boolean startTls, String user, String password, String from, String to, ZoneId zone,
                         java.util.function.LongFunction<String> ackLink) {
        this.ackLink = ackLink;
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.put("mail.smtp.auth", Boolean.toString(user != null));
        this.session = user == null ? Session.getInstance(p) : Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    @Override
    public void notify(Alarm alarm, Transition t) {
        String body = AlarmText.of(alarm, t, zone) + "\n\n"
                + "站点 Site: " + alarm.site() + "\n"
                + "设备 Device: " + alarm.device() + "\n"
                + "类型 Type: " + alarm.type() + " (" + alarm.priority() + ")\n"
                + "状态 State: " + t.to().id() + (t.why() == null ? "" : " — " + t.why()) + "\n"
                + "报警编号 Alarm: " + alarm.id() + " (POST /api/v1/alarms/" + alarm.id() + "/acknowledge)\n"
                + (ackLink == null || t.to() == AlarmState.ACTIVE_ACKNOWLEDGED || t.to() == AlarmState.NORMAL ? ""
                        : "确认 Acknowledge: " + ackLink.apply(alarm.id()) + "\n");
        String subject = AlarmText.of(alarm, t, zone);
        String about = "site=" + alarm.site() + " device=" + alarm.device() + " alarm=" + alarm.id();
        sender.execute(() -> send(subject, body, about, 0));
    }

    @Override
    public void digest(java.util.List<Alarm> alarms, java.time.Instant from, java.time.Instant to) {
        String text = AlarmText.digest(alarms, from, to, zone);
        sender.execute(() -> send(text.lines().findFirst().orElse(text), text, "digest=" + alarms.size(), 0));
    }

    @Override
    public void notice(String kind, String text, java.util.Map<String, Object> fields) {
        sender.execute(() -> send(text.lines().findFirst().orElse(text), text, "notice=" + kind, 0));
    }

    private void send(String subject, String body, String about, int attempt) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            m.setText(body, "UTF-8");
            Transport.send(m);
        } catch (MessagingException e) {
            if (attempt < HttpDelivery.RETRIES) {
                try {
                    TimeUnit.SECONDS.sleep(1L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(subject, body, about, attempt + 1);
            } else {
                LOG.warn("event=email-failed {} to={} reason=\"{}\"", about, to, e.getMessage());
            }
        }
    }
}
