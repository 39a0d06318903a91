package org.lintel.hub.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;

/** A message by e-mail through an SMTP server (no authentication, or the server's relay for the hub's address). */
public final class EmailOutbound implements Outbound {

    private final Session session;
    private final String from;

    public EmailOutbound(String host, int port, boolean startTls, String from) {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        this.session = Session.getInstance(p);
        this.from = from;
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public Delivery send(Message m) {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(from));
            mail.setRecipients(RecipientType.TO, InternetAddress.parse(m.to()));
            mail.setSubject(m.subject(), "UTF-8");
            mail.setSentDate(new Date());
            mail.setText(m.text(), "UTF-8");
            Transport.send(mail);
            return new Delivery(true, "accepted by " + session.getProperty("mail.smtp.host"));
        } catch (MessagingException e) {
            return new Delivery(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
