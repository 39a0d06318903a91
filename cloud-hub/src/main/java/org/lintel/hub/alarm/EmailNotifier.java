package org.lintel.hub.alarm;

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

    public EmailNotifier(String host, int port, boolean startTls, String user, String password, String from, String to, ZoneId zone) {
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
        sender.execute(() -> send(alarm, t, 0));
    }

    private void send(Alarm alarm, Transition t, int attempt) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
            m.setSubject(AlarmText.of(alarm, t, zone), "UTF-8");
            m.setSentDate(new Date());
            m.setText(AlarmText.of(alarm, t, zone) + "\n\n"
                    + "站点 Site: " + alarm.site() + "\n"
                    + "设备 Device: " + alarm.device() + "\n"
                    + "类型 Type: " + alarm.type() + " (" + alarm.priority() + ")\n"
                    + "状态 State: " + t.to().id() + (t.why() == null ? "" : " — " + t.why()) + "\n"
                    + "报警编号 Alarm: " + alarm.id() + " (POST /api/v1/alarms/" + alarm.id() + "/acknowledge)\n", "UTF-8");
            Transport.send(m);
        } catch (MessagingException e) {
            if (attempt < 3) {
                try {
                    TimeUnit.SECONDS.sleep(1L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(alarm, t, attempt + 1);
            } else {
                LOG.warn("event=email-failed site={} device={} alarm={} to={} reason=\"{}\"", alarm.site(), alarm.device(), alarm.id(), to, e.getMessage());
            }
        }
    }
}
