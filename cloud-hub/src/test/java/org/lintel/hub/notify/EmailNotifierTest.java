package org.lintel.hub.notify;

import org.lintel.hub.oncall.EscalationFile;
import org.lintel.hub.oncall.Escalator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lintel.hub.Await;
import org.lintel.hub.TestFolders;

/** The e-mail channel against a real SMTP server (GreenMail) on loopback. */
class EmailNotifierTest {

    GreenMail smtp;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(TestFolders.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void anEscalationEmailChannelSendsTheBilingualAlarmToTheDutyMailbox() throws Exception {
        Path file = Files.createTempFile("escalation", ".yaml");
        Files.writeString(file, """
                channels:
                  duty-mail: {email: {smtp: "127.0.0.1:%d", from: "lintel@garden.example", to: "duty@garden.example"}}
                steps:
                  - {after: 0m, notify: [duty-mail]}
                """.formatted(smtp.getSmtp().getPort()));
        Escalator e = EscalationFile.read(file, Clock.systemUTC());
        e.transition(SmsNotifierTest.FIRE, SmsNotifierTest.ON);
        Await.until("the e-mail", Duration.ofSeconds(15), () -> smtp.getReceivedMessages().length == 1);
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertEquals("【Lintel】火警 Fire alarm · b2-f07-smoke @ lintel-garden · 报警/active 11-23 03:03 · #42 · alarm.state = fire", m.getSubject());
        assertEquals("duty@garden.example", m.getAllRecipients()[0].toString());
        String body = (String) m.getContent();
        assertTrue(body.contains("设备 Device: b2-f07-smoke"), body);
        assertTrue(body.contains("/api/v1/alarms/42/acknowledge"), body);
    }
}
